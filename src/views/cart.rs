//! The cart page: its lines and their forms, and a refused change shown
//! next to the line it is about.

use rocket_dyn_templates::{context, Template};

use crate::catalog::Product;
use crate::session::Session;
use crate::shop::Shop;
use crate::views::forms::FieldProblem;
use crate::views::{CartView, Layout};

/// A refused change to one cart line: the summary's text, the message next
/// to the line's quantity box, and the quantity as typed.
pub struct LineRefusal<'a> {
    pub product: &'a Product,
    pub summary: String,
    pub message: String,
    pub typed: &'a str,
}

/// The cart page, with an optional refusal of one line's change.
pub fn cart_page(session: &Session<'_>, shop: &Shop, refusal: Option<LineRefusal<'_>>) -> Template {
    let layout = Layout::new(session, shop);
    let lang = layout.lang;
    let priced = session.data().cart.priced(&shop.catalog);
    let mut cart = CartView::new(&priced, shop, lang, session.persona());
    let (error, problems) = match refusal {
        Some(refusal) => {
            let input = format!("quantity-{}", refusal.product.id.0);
            let shown = shop.showcase.product(refusal.product, lang);
            let label = shown.line_quantity_label.clone();
            let typed: String = refusal.typed.chars().take(64).collect();
            let problem = FieldProblem::new(input, label, refusal.message, typed);
            if let Some(line) = cart
                .lines
                .iter_mut()
                .find(|line| line.product.id == refusal.product.id.0)
            {
                line.problem = Some(problem.clone());
            }
            (Some(refusal.summary), vec![problem])
        }
        None => (None, Vec::new()),
    };
    Template::render("cart/show", context! { layout, cart, error, problems })
}
