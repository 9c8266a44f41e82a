//! How the pages fit, measured in a real browser at phone, tablet and
//! desktop widths, in both languages, and again with the browser's text size
//! doubled: nothing scrolls sideways, no element sticks out of its card,
//! nothing overlaps, the header stays one compact bar, money lines up,
//! and the sort and language menus wait for their button. The pages measured
//! are photographed into `target/screenshots/`.

use fantoccini::key::Key;
use serde_json::{json, Value};

use super::{Browser, Setup};

/// This module's browser tests; the header's is also run without JavaScript,
/// and the pages are checked again with the browser's text size doubled.
pub fn tests() -> Vec<libtest_mimic::Trial> {
    let mut tests = trials!(
        needs: [Chromium],
        run: |test| test(&Browser::start()),
        tests: [
            every_main_page_fits_from_phone_to_desktop_in_english,
            every_main_page_fits_from_phone_to_desktop_in_spanish,
            the_header_keeps_its_one_line_height_at_every_width,
            the_phone_menu_opens_with_the_navigation_account_and_language,
            the_order_pages_amounts_end_on_one_line_at_every_width,
            the_rule_above_the_review_total_is_unbroken,
            a_spanish_cart_line_on_a_phone_keeps_its_controls_in_place,
            grid_prices_line_up_across_a_row_and_the_brand_is_bold,
            a_refused_login_has_one_frame_in_one_colour,
            the_order_number_is_short_and_stays_on_one_line,
            arrow_keys_on_the_sort_and_language_menus_never_load_a_page,
            the_spanish_add_to_cart_button_stays_on_one_line_on_phones,
            adding_and_removing_on_the_grid_keeps_every_card_its_height,
            the_tab_order_follows_the_reading_order_on_every_main_page,
            a_refused_form_says_error_first_and_each_message_above_its_input,
        ]
    );
    const NO_JAVASCRIPT: Setup = Setup {
        no_javascript: true,
        dark: false,
        large_text: false,
        still_clock: false,
    };
    tests.extend(trials!(
        needs: [Chromium],
        suffix: "::without_javascript",
        run: |test| test(&Browser::start_set_up(NO_JAVASCRIPT)),
        tests: [the_header_keeps_its_one_line_height_at_every_width]
    ));
    const LARGE_TEXT: Setup = Setup {
        no_javascript: false,
        dark: false,
        large_text: true,
        still_clock: false,
    };
    tests.extend(trials!(
        needs: [Chromium],
        run: |test| test(&Browser::start_set_up(LARGE_TEXT)),
        tests: [
            every_main_page_fits_with_the_text_size_doubled_in_english,
            every_main_page_fits_with_the_text_size_doubled_in_spanish,
        ]
    ));
    tests
}

/// The widths every main page is measured at: two phones, a tablet held
/// sideways, a desktop.
const WIDTHS: [u32; 4] = [320, 390, 1024, 1280];
/// Phone widths, for the header.
const PHONES: [u32; 3] = [320, 360, 390];
/// The tallest the header may be on a phone (and anywhere else).
const MAX_HEADER: f64 = 72.0;

/// The boxes that must hold everything drawn inside them.
const CONTAINERS: &str = ".page, .site-header__inner, .product-card, .cart-line, \
    .cart-table__footer, .checkout__summary, .checkout__form, .order__facts > div, \
    .narrow > .stacked-form, .demo-accounts, .error-summary, .product-facts";

/// What sticks out of a container on the open page (the first dozen), one
/// line each: an
/// element whose box crosses its container's edge, or whose content is
/// wider than itself. Hidden elements, the 1 px boxes that hide text from
/// sight but not from screen readers, and what a clipping box cuts off do
/// not count.
const OUTSIDE: &str = r##"
    const containers = document.querySelectorAll(arguments[0]);
    const seen = (el) => el.checkVisibility({ visibilityProperty: true })
        && el.getBoundingClientRect().width > 1 && el.getBoundingClientRect().height > 1;
    const name = (el) => el.tagName.toLowerCase() + (el.id ? "#" + el.id : "")
        + (el.className && typeof el.className === "string" ? "." + el.className.trim().split(/\s+/).join(".") : "");
    const clipped = (el, box) => {
        for (let e = el.parentElement; e && e !== box; e = e.parentElement) {
            const s = getComputedStyle(e);
            if (s.overflowX !== "visible" || s.clip !== "auto" || s.clipPath !== "none") return true;
        }
        return false;
    };
    const found = [];
    for (const box of containers) {
        if (!seen(box)) continue;
        const outer = box.getBoundingClientRect();
        for (const el of box.querySelectorAll("*")) {
            if (!seen(el) || el.closest("option, svg") || clipped(el, box)) continue;
            const r = el.getBoundingClientRect();
            const past = Math.max(outer.left - r.left, r.right - outer.right);
            if (past > 0.5) found.push(`${name(el)} is ${past.toFixed(1)} px outside ${name(box)}`);
            const style = getComputedStyle(el);
            if (style.overflowX === "visible" && el.clientWidth > 0 && el.scrollWidth > el.clientWidth + 1
                && style.display !== "inline") {
                found.push(`${name(el)}'s content is ${el.scrollWidth - el.clientWidth} px wider than it`);
            }
        }
    }
    return [...new Set(found)].slice(0, 12);
"##;

/// What overlaps on the open page (the first dozen), one line each: two
/// pieces of text, or text and a control or picture, drawn over each other.
/// What a clipping box cuts off, and text hidden from sight but not from
/// screen readers, do not count.
const OVERLAPPING: &str = r##"
const cut = (el) => {
    for (let e = el; e; e = e.parentElement) {
        const s = getComputedStyle(e);
        if (s.clip !== "auto" || s.clipPath !== "none") return true;
    }
    return false;
};
// A box cut to what its scrolling or clipping ancestors let show.
const shown = (el, r) => {
    let [left, top, right, bottom] = [r.left, r.top, r.right, r.bottom];
    for (let e = el; e && e !== document.documentElement; e = e.parentElement) {
        if (getComputedStyle(e).overflowX === "visible") continue;
        const c = e.getBoundingClientRect();
        [left, top, right, bottom] = [Math.max(left, c.left), Math.max(top, c.top), Math.min(right, c.right), Math.min(bottom, c.bottom)];
    }
    return { left, top, right, bottom };
};
const name = (el) => el.tagName.toLowerCase() + (el.id ? "#" + el.id : "")
    + (el.className && typeof el.className === "string" ? "." + el.className.trim().split(/\s+/).join(".") : "");
const boxes = [];
const add = (el, r) => {
    const s = shown(el, r);
    if (s.right - s.left > 1 && s.bottom - s.top > 1) boxes.push([el, s]);
};
const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
for (let n = walker.nextNode(); n; n = walker.nextNode()) {
    const el = n.parentElement;
    if (!n.data.trim() || !el || !el.checkVisibility({ visibilityProperty: true }) || cut(el)) continue;
    const range = document.createRange();
    range.selectNodeContents(n);
    for (const r of range.getClientRects()) add(el, r);
}
for (const el of document.querySelectorAll("input:not([type=hidden]), select, img, button, meter")) {
    if (el.checkVisibility({ visibilityProperty: true }) && !cut(el)) add(el, el.getBoundingClientRect());
}
const found = [];
for (let i = 0; i < boxes.length; i++) for (let j = i + 1; j < boxes.length; j++) {
    const [a, ra] = boxes[i], [b, rb] = boxes[j];
    if (a === b || a.contains(b) || b.contains(a)) continue;
    const w = Math.min(ra.right, rb.right) - Math.max(ra.left, rb.left);
    const h = Math.min(ra.bottom, rb.bottom) - Math.max(ra.top, rb.top);
    if (w > 1 && h > 1) found.push(`${name(a)} overlaps ${name(b)} by ${w.toFixed(0)}×${h.toFixed(0)} px`);
}
return [...new Set(found)].slice(0, 12);
"##;

/// At every width: nothing scrolls sideways, nothing leaves its box and
/// nothing is drawn over something else.
/// Then, if asked, the page is photographed at 390 and 1280 px, as
/// `target/screenshots/<name>-<lang>-<width>.png`.
async fn assert_everything_fits(browser: &Browser, lang: &str, photograph: bool, name: &str) {
    let what = format!("{lang} {name} ({})", browser.path().await);
    for width in WIDTHS {
        browser.resize(width, 900).await;
        let overflow = browser.sideways_overflow().await;
        assert_eq!(overflow, 0, "{what} at {width} px scrolls sideways");
        let outside = browser.js_with(OUTSIDE, vec![json!(CONTAINERS)]).await;
        assert_eq!(outside, json!([]), "{what} at {width} px");
        let overlapping = browser.js(OVERLAPPING).await;
        assert_eq!(overlapping, json!([]), "{what} at {width} px");
    }
    for width in [390, 1280].into_iter().filter(|_| photograph) {
        browser
            .screenshot(&format!("{name}-{lang}-{width}"), width)
            .await;
    }
}

fn every_main_page_fits(browser: &Browser, lang: &str, photograph: bool) {
    browser.run(async {
        browser.prepare_a_shopper(lang).await;
        for (name, path) in [
            ("home", "/"),
            ("product", "/products/3"),
            ("cart", "/cart"),
            ("checkout", "/checkout"),
            ("review", "/checkout/review"),
        ] {
            browser.goto(path).await;
            assert_everything_fits(browser, lang, photograph, name).await;
        }
        browser.goto("/checkout").await;
        browser.fill("#email", "not-an-address").await;
        browser.fill("#postal_code", "").await;
        browser.click_and_wait("#continue-to-review").await;
        assert_everything_fits(browser, lang, photograph, "checkout-refused").await;

        browser.give_shipping_details().await;
        browser.click_and_wait("#place-order").await;
        assert_everything_fits(browser, lang, photograph, "order").await;

        browser.goto("/login").await;
        browser.fill("#username", "bob").await;
        browser.fill("#password", "wrong").await;
        browser.click_and_wait("#login-button").await;
        assert_everything_fits(browser, lang, photograph, "login-refused").await;

        browser.goto("/no-such-page").await;
        assert_everything_fits(browser, lang, photograph, "not-found").await;
    });
}

fn every_main_page_fits_from_phone_to_desktop_in_english(browser: &Browser) {
    every_main_page_fits(browser, "en", true);
}

fn every_main_page_fits_from_phone_to_desktop_in_spanish(browser: &Browser) {
    every_main_page_fits(browser, "es", true);
}

/// With the browser's text size at 200 %, body text and controls double
/// (sizes are in rem), and still nothing overflows or overlaps.
fn every_main_page_fits_with_the_text_size_doubled(browser: &Browser, lang: &str) {
    browser.run(async {
        browser.goto("/").await;
        let sizes = "return ['body', '#sort'].map((s) => parseFloat(getComputedStyle(document.querySelector(s)).fontSize));";
        let sizes = browser.js(sizes).await;
        assert_eq!(sizes[0].as_f64(), Some(32.0), "body text follows the text size");
        assert_eq!(sizes[1].as_f64(), Some(32.0), "controls follow the text size");
    });
    every_main_page_fits(browser, lang, false);
}

fn every_main_page_fits_with_the_text_size_doubled_in_english(browser: &Browser) {
    every_main_page_fits_with_the_text_size_doubled(browser, "en");
}

fn every_main_page_fits_with_the_text_size_doubled_in_spanish(browser: &Browser) {
    every_main_page_fits_with_the_text_size_doubled(browser, "es");
}

/// On phones from 320 px, the grid's Spanish "Añadir al carrito" keeps to
/// one line.
fn the_spanish_add_to_cart_button_stays_on_one_line_on_phones(browser: &Browser) {
    browser.run(async {
        browser.goto("/").await;
        browser.speak("es").await;
        // The lines of each grid button's visible words.
        let script = r##"
            return [...document.querySelectorAll("#product-grid button")].map((button) => {
                const range = document.createRange();
                range.selectNodeContents(button.firstChild);
                return [button.id, range.toString().trim(), new Set([...range.getClientRects()].map((r) => r.top)).size];
            });
        "##;
        for width in PHONES {
            browser.resize(width, 900).await;
            let buttons = browser.js(script).await;
            let buttons = buttons.as_array().expect("the grid's buttons");
            assert!(buttons.len() >= 6, "{buttons:?}");
            for button in buttons {
                assert_eq!(button[2], json!(1), "{button} at {width} px");
            }
            assert_eq!(buttons[0][1], "Añadir al carrito");
        }
    });
}

/// The header's height, and the tops of its visible controls.
async fn header_rows(browser: &Browser) -> (f64, Vec<f64>) {
    let script = r##"
        const header = document.querySelector(".site-header").getBoundingClientRect();
        const items = [...document.querySelectorAll(".site-header a, .site-header button, .site-header select, .site-header summary")]
            .filter((el) => el.checkVisibility() && el.getBoundingClientRect().width > 1)
            .map((el) => { const r = el.getBoundingClientRect(); return r.top + r.height / 2; });
        return [header.height, items];
    "##;
    let answer = browser.js(script).await;
    let height = answer[0].as_f64().expect("a height");
    let centres = answer[1].as_array().expect("the controls' centres");
    (height, centres.iter().filter_map(Value::as_f64).collect())
}

/// The header's one-line height below the wide layout (64em, 1024 px) and
/// from it on, as the review measured them.
const PHONE_HEADER: f64 = 60.0;
const WIDE_HEADER: f64 = 63.0;
const WIDE_FROM: u32 = 1024;

/// The header's pieces of text that run onto a second line: the links,
/// buttons and signed-in name whose words are not all on one line.
const WRAPPED_IN_HEADER: &str = r##"
    const lines = (el) => {
        const rects = [];
        const walker = document.createTreeWalker(el, NodeFilter.SHOW_TEXT);
        for (let n = walker.nextNode(); n; n = walker.nextNode()) {
            if (!n.data.trim()) continue;
            const range = document.createRange();
            range.selectNodeContents(n);
            rects.push(...[...range.getClientRects()].filter((r) => r.width > 1));
        }
        return rects;
    };
    return [...document.querySelectorAll(".site-header a, .site-header button, .site-header .signed-in")]
        .filter((el) => el.checkVisibility() && el.getBoundingClientRect().width > 1)
        .filter((el) => {
            const rects = lines(el);
            return rects.some((a) => rects.some((b) => b.top >= a.bottom - 1));
        })
        .map((el) => el.id || el.className);
"##;

async fn assert_one_line_header(browser: &Browser, what: &str) {
    let widths = (320..=1600).step_by(40).chain([WIDE_FROM - 1, WIDE_FROM]);
    for width in widths {
        browser.resize(width, 900).await;
        let (height, centres) = header_rows(browser).await;
        let expected = if width < WIDE_FROM {
            PHONE_HEADER
        } else {
            WIDE_HEADER
        };
        assert!(
            (height - expected).abs() <= 1.0,
            "{what}: the header is {height} px tall at {width} px, not {expected}"
        );
        let first = centres[0];
        for centre in &centres {
            assert!(
                (centre - first).abs() <= 2.0,
                "{what}: the header's controls are not on one row at {width} px: {centres:?}"
            );
        }
        let wrapped = browser.js(WRAPPED_IN_HEADER).await;
        assert_eq!(wrapped, json!([]), "{what}: wrapped at {width} px");
    }
}

/// From 320 to 1600 px, in both languages, for a guest and signed in, the
/// header is one row of controls at its height for that layout, and no
/// link or button in it breaks onto two lines. Checked with JavaScript and
/// (see [`tests`]) without it.
fn the_header_keeps_its_one_line_height_at_every_width(browser: &Browser) {
    browser.run(async {
        for lang in ["en", "es"] {
            browser.goto("/").await;
            browser.speak(lang).await;
            browser.goto("/cart").await;
            assert_one_line_header(browser, &format!("{lang}, a guest")).await;
            browser.log_in_as("alice").await;
            browser.goto("/cart").await;
            assert_one_line_header(browser, &format!("{lang}, signed in")).await;
            browser.resize(1280, 900).await;
            browser.click_and_wait("#logout-button").await;
        }
    });
}

fn the_phone_menu_opens_with_the_navigation_account_and_language(browser: &Browser) {
    browser.run(async {
        browser.goto("/").await;
        browser.resize(390, 900).await;
        let visible = |id: &'static str| async move {
            let script = format!("return document.getElementById('{id}').checkVisibility();");
            browser.js(&script).await == Value::Bool(true)
        };
        assert!(visible("nav-cart").await, "the cart stays in the bar");
        assert!(!visible("nav-products").await, "the menu starts closed");
        browser.open_menu().await;
        for id in [
            "nav-products",
            "nav-session",
            "nav-login",
            "lang",
            "language-apply",
        ] {
            assert!(visible(id).await, "#{id} is in the open menu");
        }
        // The open menu lies over the page without pushing it down.
        let (height, _) = header_rows(browser).await;
        assert!(height <= MAX_HEADER, "{height} px with the menu open");
        browser.press(&Key::Escape.to_string()).await;
        assert!(!visible("nav-products").await, "Escape closes the menu");
        assert_eq!(browser.focused_id().await, "site-menu-toggle");
    });
}

/// The right edge of the text in the element with `data-testid="testid"`.
async fn text_right(browser: &Browser, testid: &str) -> f64 {
    let script = r##"
        const el = document.querySelector(`[data-testid="${arguments[0]}"]`);
        const range = document.createRange();
        range.selectNodeContents(el);
        return range.getBoundingClientRect().right;
    "##;
    let right = browser.js_with(script, vec![json!(testid)]).await;
    right.as_f64().expect("a right edge")
}

fn the_order_pages_amounts_end_on_one_line_at_every_width(browser: &Browser) {
    browser.run(async {
        browser.prepare_a_shopper("es").await;
        browser.click_and_wait("#place-order").await;
        for width in WIDTHS {
            browser.resize(width, 900).await;
            let total = text_right(browser, "order-total").await;
            for testid in [
                "order-line-total-1",
                "order-line-total-3",
                "order-line-total-5",
                "order-subtotal",
                "order-shipping",
            ] {
                let right = text_right(browser, testid).await;
                assert!(
                    (right - total).abs() <= 1.0,
                    "at {width} px {testid} ends at {right}, the total at {total}"
                );
            }
        }
    });
}

fn the_rule_above_the_review_total_is_unbroken(browser: &Browser) {
    browser.run(async {
        browser.prepare_a_shopper("en").await;
        let script = r##"
            const [dt, dd] = document.querySelectorAll(".totals__total");
            const a = dt.getBoundingClientRect(), b = dd.getBoundingClientRect();
            const rule = (el) => getComputedStyle(el).borderTopWidth;
            return [b.left - a.right, a.top - b.top, rule(dt), rule(dd)];
        "##;
        for width in WIDTHS {
            browser.resize(width, 900).await;
            let found = browser.js(script).await;
            assert_eq!(
                found[0].as_f64(),
                Some(0.0),
                "a gap in the rule at {width} px"
            );
            assert_eq!(
                found[1].as_f64(),
                Some(0.0),
                "a step in the rule at {width} px"
            );
            assert_eq!(found[2], found[3], "one rule's width at {width} px");
        }
    });
}

fn a_spanish_cart_line_on_a_phone_keeps_its_controls_in_place(browser: &Browser) {
    browser.run(async {
        browser.goto("/").await;
        browser.speak("es").await;
        browser.add_from_grid(2).await;
        browser.add_from_grid(3).await;
        browser.goto("/cart").await;
        let script = r##"
            const id = arguments[0];
            const box = (sel) => document.querySelector(sel).getBoundingClientRect();
            const line = document.querySelector(`#cart-line-${id}`);
            const style = getComputedStyle(line);
            const inner = line.getBoundingClientRect().right
                - parseFloat(style.paddingRight) - parseFloat(style.borderRightWidth);
            const name = document.querySelector(`#line-name-${id}`);
            const lines = name.getClientRects().length;
            return [inner - box(`#remove-line-${id}`).right,
                    box(`#update-line-${id}`).top - box(`#quantity-${id}`).top,
                    box(`[data-testid="line-total-${id}"]`).right - inner,
                    lines];
        "##;
        for width in [320, 390] {
            browser.resize(width, 900).await;
            for id in [2, 3] {
                let found = browser.js_with(script, vec![json!(id)]).await;
                let at = format!("line {id} at {width} px");
                let remove_gap = found[0].as_f64().unwrap();
                assert!(
                    remove_gap.abs() <= 1.0,
                    "Remove is {remove_gap} px off the edge, {at}"
                );
                let update_step = found[1].as_f64().unwrap();
                assert!(update_step.abs() <= 4.0, "Update is on another row, {at}");
                let total_gap = found[2].as_f64().unwrap();
                assert!(
                    total_gap.abs() <= 1.0,
                    "the total is {total_gap} px off the edge, {at}"
                );
                let name_lines = found[3].as_u64().unwrap();
                assert!(name_lines <= 2, "the name runs to {name_lines} lines, {at}");
            }
        }
    });
}

fn grid_prices_line_up_across_a_row_and_the_brand_is_bold(browser: &Browser) {
    browser.run(async {
        let script = r##"
            const cards = [...document.querySelectorAll("#product-grid > li")];
            const top = cards[0].getBoundingClientRect().top;
            const row = cards.filter((c) => c.getBoundingClientRect().top === top);
            return row.map((c) => c.querySelector(".product-card__price").getBoundingClientRect().top);
        "##;
        for lang in ["en", "es"] {
            browser.goto("/").await;
            browser.speak(lang).await;
            for width in WIDTHS {
                browser.resize(width, 900).await;
                let tops = browser.js(script).await;
                let tops: Vec<f64> = tops.as_array().unwrap().iter().filter_map(Value::as_f64).collect();
                assert!(tops.len() >= 2, "{lang} at {width} px: {tops:?}");
                assert!(
                    tops.iter().all(|top| (top - tops[0]).abs() <= 1.0),
                    "{lang} at {width} px, the first row's prices start at {tops:?}"
                );
            }
        }
        let weight = browser
            .js("return getComputedStyle(document.querySelector('#nav-home span')).fontWeight;")
            .await;
        let weight: u32 = weight.as_str().unwrap().parse().unwrap();
        assert!(weight >= 700, "the brand's weight is {weight}");
    });
}

fn a_refused_login_has_one_frame_in_one_colour(browser: &Browser) {
    browser.run(async {
        browser.goto("/login").await;
        browser.fill("#username", "bob").await;
        browser.fill("#password", "wrong").await;
        browser.click_and_wait("#login-button").await;
        assert_eq!(browser.focused_id().await, "error-summary");
        let script = r##"
            const s = getComputedStyle(document.getElementById("error-summary"));
            return [s.outlineStyle, s.outlineColor, s.borderTopColor];
        "##;
        let found = browser.js(script).await;
        assert!(
            found[0] == "none" || found[1] == found[2],
            "the focused summary has a second frame: {found}"
        );
    });
}

fn the_order_number_is_short_and_stays_on_one_line(browser: &Browser) {
    browser.run(async {
        browser.prepare_a_shopper("en").await;
        browser.click_and_wait("#place-order").await;
        let number = browser.text("order-number").await;
        let shape = number.len() == 12
            && number.starts_with("SS-")
            && number.chars().nth(7) == Some('-')
            && number
                .chars()
                .filter(|c| *c != '-')
                .skip(2)
                .all(|c| c.is_ascii_digit() || "ABCDEFGHJKMNPQRSTVWXYZ".contains(c));
        assert!(shape, "{number} is not like SS-7F3K-92QD");
        let lines = "return [document.querySelector('[data-testid=\"order-number\"]').getClientRects().length, \
                     document.querySelector('.order__email dd').getClientRects().length, \
                     document.querySelector('.order__email dd').getBoundingClientRect().height];";
        for width in WIDTHS {
            browser.resize(width, 900).await;
            let found = browser.js(lines).await;
            assert_eq!(found[0], json!(1), "the number wraps at {width} px");
            let height = found[2].as_f64().unwrap();
            assert!(height < 40.0, "the email wraps at {width} px ({height} px tall)");
        }
    });
}

/// Whether the page is still the one marked before (no new page loaded).
async fn same_page(browser: &Browser) -> bool {
    browser
        .js("return window.__sessionShopOldPage === true;")
        .await
        == Value::Bool(true)
}

fn arrow_keys_on_the_sort_and_language_menus_never_load_a_page(browser: &Browser) {
    browser.run(async {
        for width in [1280, 390] {
            browser.goto("/").await;
            browser.resize(width, 900).await;
            browser.js("window.__sessionShopOldPage = true;").await;
            browser.js("document.getElementById('sort').focus();").await;
            browser.press(&Key::Down.to_string()).await;
            browser.press(&Key::Down.to_string()).await;
            assert!(
                same_page(browser).await,
                "an arrow key loaded a page at {width} px"
            );
            let chosen = browser
                .js("return document.getElementById('sort').value;")
                .await;
            assert_ne!(chosen, "featured", "the arrows moved the choice");

            // The button applies it, and the focus comes back to the menu.
            browser.tab_to("sort-apply").await;
            browser.enter_and_wait().await;
            assert_eq!(
                browser.path().await,
                format!("/?sort={}", chosen.as_str().unwrap())
            );
            assert_eq!(browser.focused_id().await, "sort");

            browser.open_menu().await;
            browser.js("window.__sessionShopOldPage = true;").await;
            browser.js("document.getElementById('lang').focus();").await;
            browser.press(&Key::Down.to_string()).await;
            assert!(
                same_page(browser).await,
                "an arrow key changed the language at {width} px"
            );
            browser.tab_to("language-apply").await;
            browser.enter_and_wait().await;
            assert_eq!(
                browser.attribute("html", "lang").await.as_deref(),
                Some("es")
            );
            assert_eq!(browser.focused_id().await, "lang", "at {width} px");
            browser.open_menu().await;
            browser
                .choose_and_apply("#lang", "en", "#language-apply")
                .await;
        }
    });
}

/// Each grid card's top on the page and its height, in grid order.
const CARD_BOXES: &str = r##"
    return [...document.querySelectorAll("#product-grid > li")].map((card) => {
        const r = card.getBoundingClientRect();
        return [card.id, r.top + scrollY, r.height];
    });
"##;

/// Whether the element matching `arguments[0]` is inside the window; with
/// `arguments[1]`, below the header too (which may stay drawn over the page).
const IN_VIEW: &str = r##"
    const r = document.querySelector(arguments[0]).getBoundingClientRect();
    const top = arguments[1] ? document.querySelector(".site-header").getBoundingClientRect().bottom : 0;
    return r.top >= top - 0.5 && r.bottom <= innerHeight + 0.5;
"##;

/// The grid's cards, and, in each row, that every card is that row's height.
async fn card_heights(browser: &Browser, what: &str) -> Vec<(String, f64)> {
    let boxes = browser.js(CARD_BOXES).await;
    let boxes: Vec<(String, f64, f64)> = serde_json::from_value(boxes).expect("the cards' boxes");
    assert!(boxes.len() >= 6, "{what}: {boxes:?}");
    for card in &boxes {
        let row = boxes.iter().filter(|other| (other.1 - card.1).abs() <= 0.5);
        for other in row {
            assert!(
                (other.2 - card.2).abs() <= 0.5,
                "{what}: {} is {} px tall, {} in the same row {} px",
                card.0,
                card.2,
                other.0,
                other.2
            );
        }
    }
    boxes
        .into_iter()
        .map(|(id, _, height)| (id, height))
        .collect()
}

/// An add or a remove on the grid shows its message inside the card and
/// changes no card's height, its own or its neighbours'; the page comes
/// back to the card with the header's cart count in view.
fn adding_and_removing_on_the_grid_keeps_every_card_its_height(browser: &Browser) {
    browser.run(async {
        for lang in ["en", "es"] {
            browser.goto("/").await;
            browser.speak(lang).await;
            for width in [390, 1280] {
                browser.resize(width, 900).await;
                // The first card, and the longest names (3, and 14 in Spanish).
                for id in [1, 3, 14] {
                    browser.goto("/").await;
                    let what = format!("{lang} at {width} px, product {id}");
                    let before = card_heights(browser, &format!("{what}, before")).await;
                    for (action, after) in
                        [("add-to-cart", "added"), ("remove-from-cart", "removed")]
                    {
                        browser.click_and_wait(&format!("#{action}-{id}")).await;
                        let at = format!("{what}, {after}");
                        let flash = format!("#product-{id} [data-testid=\"flash\"]");
                        assert!(
                            !browser.find(&flash).await.text().await.unwrap().is_empty(),
                            "{at}"
                        );
                        let now = card_heights(browser, &at).await;
                        for ((card, was), (_, is)) in before.iter().zip(&now) {
                            assert!(
                                (was - is).abs() <= 0.5,
                                "{at}: {card} was {was} px tall, now {is}"
                            );
                        }
                        let card = format!("#product-{id}");
                        for (css, below_header) in [("#cart-count", false), (card.as_str(), true)] {
                            let seen = browser
                                .js_with(IN_VIEW, vec![json!(css), json!(below_header)])
                                .await;
                            assert_eq!(seen, json!(true), "{at}: {css} is out of view");
                        }
                    }
                }
            }
        }
    });
}

/// The focusable controls that are reached in another order than they are
/// read (the first dozen), one line each: a control reached later with Tab
/// (later in the page, as no control has a positive `tabindex`) but drawn
/// before an earlier one in every reading, that is above it in the same
/// column, left of it on the same line, or both above and left of it.
/// (Controls side by side in different columns and rows, like two cards'
/// buttons, are read card by card.)
const OUT_OF_ORDER: &str = r##"
    scrollTo(0, 0);
    const name = (el) => el.tagName.toLowerCase() + (el.id ? "#" + el.id : "");
    const found = [...document.querySelectorAll("[tabindex]")].filter((el) => el.tabIndex > 0)
        .map((el) => `${name(el)} has tabindex ${el.tabIndex}`);
    const controls = [...document.querySelectorAll("a[href], button, input, select, textarea, summary, [tabindex]")]
        .filter((el) => el.tabIndex >= 0 && !el.disabled && el.type !== "hidden"
            && el.checkVisibility({ visibilityProperty: true }))
        .map((el) => [el, el.getClientRects()[0]])
        .filter(([, r]) => r && r.width > 1 && r.height > 1);
    for (let i = 0; i < controls.length; i++) for (let j = i + 1; j < controls.length; j++) {
        const [a, ra] = controls[i], [b, rb] = controls[j];
        if (a.contains(b) || b.contains(a)) continue;
        const column = Math.min(ra.right, rb.right) - Math.max(ra.left, rb.left) > 1;
        const line = Math.min(ra.bottom, rb.bottom) - Math.max(ra.top, rb.top) > 1;
        const above = rb.bottom <= ra.top + 1, left = rb.right <= ra.left + 1;
        if ((above && (column || left)) || (line && left)) {
            found.push(`${name(b)} (${Math.round(rb.left)}, ${Math.round(rb.top)}) comes after ${name(a)} (${Math.round(ra.left)}, ${Math.round(ra.top)})`);
        }
    }
    return found.slice(0, 12);
"##;

/// At phone, tablet and desktop widths, in both languages, Tab reaches the
/// controls of the grid, a product, the cart, the login page and each
/// checkout step (refused too) in the order they are read: top to bottom,
/// left to right (WCAG 2.4.3).
fn the_tab_order_follows_the_reading_order_on_every_main_page(browser: &Browser) {
    browser.run(async {
        for lang in ["en", "es"] {
            let check = |name: &'static str| async move {
                for width in WIDTHS {
                    browser.resize(width, 900).await;
                    let found = browser.js(OUT_OF_ORDER).await;
                    assert_eq!(found, json!([]), "{lang} {name} at {width} px");
                }
            };
            browser.goto("/").await;
            browser.speak(lang).await;
            check("home, a guest").await;
            browser.goto("/login").await;
            check("login").await;
            browser.prepare_a_shopper(lang).await;
            for (name, path) in [
                ("home", "/"),
                ("product", "/products/1"),
                ("cart", "/cart"),
                ("checkout", "/checkout"),
                ("review", "/checkout/review"),
            ] {
                browser.goto(path).await;
                check(name).await;
            }
            browser.goto("/checkout").await;
            browser.fill("#email", "not-an-address").await;
            browser.click_and_wait("#continue-to-review").await;
            check("checkout, refused").await;
            browser.give_shipping_details().await;
            browser.click_and_wait("#place-order").await;
            check("order").await;
            browser.resize(1280, 900).await;
            browser.click_and_wait("#logout-button").await;
        }
    });
}

/// For each link of the open page's error summary: its field's id, the
/// link's words, the field's message's, and whether the message is in the
/// field's group, below its label (when the label is shown) and above its
/// input.
const REFUSED_FIELDS: &str = r##"
    const box = (el) => el.getBoundingClientRect();
    return [...document.querySelectorAll("#error-summary a")].map((link) => {
        const input = document.querySelector(link.getAttribute("href"));
        const message = document.getElementById(input.getAttribute("aria-describedby"));
        const label = document.querySelector(`label[for="${input.id}"]`);
        const shown = label.checkVisibility() && box(label).height > 1;
        return [input.id, link.textContent.trim(), message.textContent.trim(),
            message.parentElement.contains(input) && message.parentElement.contains(label),
            !shown || box(label).bottom <= box(message).top + 1,
            box(message).bottom <= box(input).top + 1];
    });
"##;

/// The refused fields of the open page, checked: at phone and desktop
/// widths each message sits in its field's group between the label and the
/// input, and the summary's link says the message. Answers their ids.
async fn assert_messages_above_inputs(browser: &Browser, what: &str) -> Vec<String> {
    let mut ids = Vec::new();
    for width in [390, 1280] {
        browser.resize(width, 900).await;
        let fields = browser.js(REFUSED_FIELDS).await;
        let fields: Vec<(String, String, String, bool, bool, bool)> =
            serde_json::from_value(fields).expect("the refused fields");
        ids = Vec::new();
        for (id, link, message, grouped, below_label, above_input) in fields {
            let at = format!("{what}, #{id} at {width} px");
            assert!(!message.is_empty(), "{at}: no message");
            assert_eq!(link, message, "{at}: the summary's link");
            assert!(grouped, "{at}: the message is not in the field's group");
            assert!(below_label, "{at}: the message is above the label");
            assert!(above_input, "{at}: the message is below the input");
            ids.push(id);
        }
    }
    ids
}

async fn assert_error_title(browser: &Browser, what: &str, refused: bool) {
    let title = browser.js("return document.title;").await;
    let title = title.as_str().expect("a title");
    assert_eq!(title.starts_with("Error: "), refused, "{what}: {title:?}");
}

/// GOV.UK's pattern, in both languages: a page showing a refused form has
/// a title starting "Error: ", each refused field's message is between its
/// label and its input, and the summary's links say the messages.
fn a_refused_form_says_error_first_and_each_message_above_its_input(browser: &Browser) {
    browser.run(async {
        for lang in ["en", "es"] {
            browser.goto("/").await;
            browser.speak(lang).await;
            browser.goto("/login").await;
            assert_error_title(browser, &format!("{lang} login"), false).await;
            browser.fill("#username", "").await;
            browser.click_and_wait("#login-button").await;
            let what = format!("{lang} login, no username");
            assert_error_title(browser, &what, true).await;
            let refused = assert_messages_above_inputs(browser, &what).await;
            assert_eq!(refused, ["username"], "{what}");
            browser.fill("#username", "bob").await;
            browser.fill("#password", "wrong").await;
            browser.click_and_wait("#login-button").await;
            assert_error_title(browser, &format!("{lang} login, wrong password"), true).await;

            browser.add_from_product_page(1, "abc").await;
            let what = format!("{lang} product page, quantity abc");
            assert_error_title(browser, &what, true).await;
            let refused = assert_messages_above_inputs(browser, &what).await;
            assert_eq!(refused, ["product-quantity-1"], "{what}");

            browser.add_from_product_page(1, "2").await;
            assert_error_title(browser, &format!("{lang} product page"), false).await;
            browser.goto("/cart").await;
            browser.fill("#quantity-1", "abc").await;
            browser.click_and_wait("#update-line-1").await;
            let what = format!("{lang} cart, quantity abc");
            assert_error_title(browser, &what, true).await;
            let refused = assert_messages_above_inputs(browser, &what).await;
            assert_eq!(refused, ["quantity-1"], "{what}");

            browser.log_in_as("alice").await;
            browser.goto("/checkout").await;
            assert_error_title(browser, &format!("{lang} checkout"), false).await;
            browser.fill("#email", "not-an-address").await;
            browser.click_and_wait("#continue-to-review").await;
            let what = format!("{lang} checkout, refused");
            assert_error_title(browser, &what, true).await;
            let refused = assert_messages_above_inputs(browser, &what).await;
            assert_eq!(refused.len(), 5, "{what}: {refused:?}");
            browser.resize(1280, 900).await;
            browser.click_and_wait("#logout-button").await;
        }
    });
}
