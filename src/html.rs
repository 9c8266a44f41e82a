//! Text made safe for HTML, the way every page escapes it.

/// Escapes text for HTML: `&`, `<`, `>`, `"` and `'`, which is all that
/// text and quoted attributes need (Tera's default also escapes `/`, which
/// makes every URL in the page source hard to read).
pub fn escape_html(input: &str) -> String {
    let mut output = String::with_capacity(input.len() + 16);
    for c in input.chars() {
        match c {
            '&' => output.push_str("&amp;"),
            '<' => output.push_str("&lt;"),
            '>' => output.push_str("&gt;"),
            '"' => output.push_str("&quot;"),
            '\'' => output.push_str("&#x27;"),
            c => output.push(c),
        }
    }
    output
}

#[cfg(test)]
mod tests {
    use super::escape_html;

    #[test]
    fn markup_is_escaped_and_urls_stay_readable() {
        assert_eq!(
            escape_html(r#"<a href="/x?a=1&b='2'">"#),
            "&lt;a href=&quot;/x?a=1&amp;b=&#x27;2&#x27;&quot;&gt;"
        );
    }
}
