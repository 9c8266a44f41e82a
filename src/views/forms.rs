//! Refused forms as the templates show them: each refused field with its
//! message (shown next to it, `<input id>-error`), and the summary at the top
//! of the page that links to every one of them.

use serde::Serialize;

/// One refused field of a form.
#[derive(Debug, Clone, Serialize)]
pub struct FieldProblem {
    /// The `id` of the refused input; its message's id is this plus `-error`.
    pub input: String,
    /// The field's name in the summary's link, naming the line or product.
    pub label: String,
    /// What is wrong and how to fix it, shown next to the field.
    pub message: String,
    /// The value as typed, shown again in the field.
    pub typed: String,
}

impl FieldProblem {
    pub fn new(
        input: impl Into<String>,
        label: impl Into<String>,
        message: impl Into<String>,
        typed: impl Into<String>,
    ) -> FieldProblem {
        FieldProblem {
            input: input.into(),
            label: label.into(),
            message: message.into(),
            typed: typed.into(),
        }
    }
}
