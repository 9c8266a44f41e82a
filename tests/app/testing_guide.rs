//! `docs/TESTING.md` against the shop: every message it quotes is the text
//! the shop shows, in both languages, and every message a test may read is
//! quoted.

use std::collections::BTreeMap;
use std::path::Path;

const GUIDE: &str = "docs/TESTING.md";

/// Every message of one language: its id and its forms (one, or the form
/// for one and the form for several).
fn messages(lang: &str) -> BTreeMap<String, Vec<String>> {
    let mut messages = BTreeMap::new();
    let mut files: Vec<_> = std::fs::read_dir(Path::new("locales").join(lang))
        .unwrap()
        .map(|entry| entry.unwrap().path())
        .collect();
    files.sort();
    for file in files {
        let text = std::fs::read_to_string(file).unwrap();
        let mut current: Option<String> = None;
        for line in text.lines() {
            if let Some((id, value)) = line.split_once(" = ") {
                if !line.starts_with([' ', '#']) {
                    let value = value.trim();
                    let forms = if value.ends_with("->") {
                        Vec::new()
                    } else {
                        vec![value.to_owned()]
                    };
                    messages.insert(id.to_owned(), forms);
                    current = Some(id.to_owned());
                    continue;
                }
            }
            let variant = line.trim().trim_start_matches('*');
            match (&current, variant.split_once("] ")) {
                (Some(id), Some((_, form))) if line.starts_with(' ') => {
                    messages.get_mut(id).unwrap().push(form.to_owned());
                }
                _ => current = None,
            }
        }
    }
    messages
}

/// The Messages section's rows: id, English forms, Spanish forms.
fn quoted() -> Vec<(String, Vec<String>, Vec<String>)> {
    let guide = std::fs::read_to_string(GUIDE).unwrap();
    let section = guide
        .split("\n## Messages\n")
        .nth(1)
        .and_then(|rest| rest.split("\n## ").next())
        .expect("the guide has a Messages section");
    let code = |cell: &str| -> Vec<String> {
        cell.split('`')
            .skip(1)
            .step_by(2)
            .map(|quoted| quoted.replace("\\|", "|"))
            .collect()
    };
    section
        .lines()
        .filter(|line| line.starts_with("| `"))
        .map(|line| {
            let cells: Vec<&str> = line.trim_matches('|').split(" | ").collect();
            assert_eq!(cells.len(), 3, "three cells: {line}");
            (code(cells[0]).remove(0), code(cells[1]), code(cells[2]))
        })
        .collect()
}

#[test]
fn every_message_the_guide_quotes_is_the_shops_text_in_both_languages() {
    let (english, spanish) = (messages("en"), messages("es"));
    let rows = quoted();
    assert!(rows.len() > 50, "the guide quotes the messages");
    for (id, en, es) in rows {
        assert_eq!(Some(&en), english.get(&id), "English {id}");
        assert_eq!(Some(&es), spanish.get(&id), "Spanish {id}");
    }
}

#[test]
fn every_message_a_test_may_read_is_in_the_guide() {
    let quoted: Vec<String> = quoted().into_iter().map(|(id, _, _)| id).collect();
    let readable = messages("en").into_keys().filter(|id| {
        let shown = ["flash_", "error_", "field_", "login_", "notice_"]
            .iter()
            .any(|prefix| id.starts_with(prefix));
        (shown && !id.ends_with("_title"))
            || id == "correct_fields"
            || id.starts_with("shipping_label_")
    });
    for id in readable.filter(|id| id != "shipping_label_title") {
        assert!(quoted.contains(&id), "{id} is missing from {GUIDE}");
    }
}

#[test]
fn the_guide_lists_every_demo_account() {
    let guide = std::fs::read_to_string(GUIDE).unwrap();
    let users = std::fs::read_to_string("data/users.toml").unwrap();
    for line in users.lines() {
        if let Some(name) = line.strip_prefix("username = ") {
            let name = name.trim_matches('"');
            assert!(
                guide.contains(&format!("| `{name}` |")),
                "{name} is missing from the accounts table"
            );
        }
    }
}
