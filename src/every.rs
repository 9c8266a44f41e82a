//! [`every!`]: an enum's every value as a const array, checked whole by the
//! compiler.

/// Builds the array of an enum's values, one of each variant, and checks it
/// holds them all: a `match` on the same list, with no wildcard, stops the
/// build when a variant is missing from it.
///
/// `every!(SortOrder: Featured, NameAsc)` lists variants without fields;
/// `every!(Notice { Notice::Removed { .. } => Notice::Removed { product_id } })`
/// pairs each variant's pattern with the value that stands for it, and a
/// value that is not its pattern's variant stops the build too.
#[macro_export]
macro_rules! every {
    ($ty:ident: $($variant:ident),+ $(,)?) => {
        $crate::every!($ty { $($ty::$variant => $ty::$variant),+ })
    };
    ($ty:ty { $($pattern:pat => $value:expr),+ $(,)? }) => {{
        // NOTE: never called; it exists to be checked exhaustive.
        #[allow(dead_code)]
        const fn every_variant_is_listed(value: &$ty) {
            match value {
                $($pattern => {})+
            }
        }
        // NOTE: an item, so the build checks it even where the list is unused.
        const _: () = {
            $(
                if !matches!($value, $pattern) {
                    panic!(
                        "{}",
                        concat!(stringify!($value), " is not ", stringify!($pattern))
                    );
                }
            )+
        };
        [$($value),+]
    }};
}
