//! The shape of `src/`: its modules depend on each other in one direction
//! only. These tests read every `crate::…`, `super::…` and child-module path
//! in the sources (in `use` lines, code and macros such as `uri!`), build the
//! graph of which file depends on which, and fail on a cycle, naming its files.
//!
//! A path through a re-export (`crate::views::Layout`, which `views/mod.rs`
//! takes from `views/layout.rs`) counts as a dependency on the file that
//! defines the item, so a parent `mod.rs` re-exporting its children makes no
//! cycle of its own. A `mod x;` declaration is not a dependency.

use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::path::{Path, PathBuf};

/// One `src/` file's module and what it says.
struct SourceFile {
    /// Relative to `src/`, e.g. `views/layout.rs`.
    name: String,
    tokens: Vec<Token>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
enum Token {
    Ident(String),
    PathSep,
    Open,
    Close,
    Comma,
    Semi,
    Star,
    Other,
}

/// The tokens of Rust source, without comments, strings and characters.
fn tokenize(text: &str) -> Vec<Token> {
    let chars: Vec<char> = text.chars().collect();
    let mut tokens = Vec::new();
    let mut i = 0;
    let at = |i: usize| chars.get(i).copied().unwrap_or('\0');
    while i < chars.len() {
        let c = chars[i];
        if c.is_whitespace() {
            i += 1;
        } else if c == '/' && at(i + 1) == '/' {
            while i < chars.len() && chars[i] != '\n' {
                i += 1;
            }
        } else if c == '/' && at(i + 1) == '*' {
            let mut depth = 0;
            loop {
                if at(i) == '/' && at(i + 1) == '*' {
                    depth += 1;
                    i += 2;
                } else if at(i) == '*' && at(i + 1) == '/' {
                    depth -= 1;
                    i += 2;
                    if depth == 0 {
                        break;
                    }
                } else if i >= chars.len() {
                    break;
                } else {
                    i += 1;
                }
            }
        } else if c == '"' || ((c == 'b' || c == 'c') && at(i + 1) == '"') {
            i += if c == '"' { 1 } else { 2 };
            while i < chars.len() && chars[i] != '"' {
                i += if chars[i] == '\\' { 2 } else { 1 };
            }
            i += 1;
        } else if (c == 'r' || ((c == 'b' || c == 'c') && at(i + 1) == 'r'))
            && matches!(at(i + 1 + usize::from(c != 'r')), '"' | '#')
            && {
                // A raw string: r"…", r#"…"#, br"…".
                let mut j = i + 1 + usize::from(c != 'r');
                while at(j) == '#' {
                    j += 1;
                }
                at(j) == '"'
            }
        {
            let mut j = i + 1 + usize::from(c != 'r');
            let mut hashes = 0;
            while at(j) == '#' {
                hashes += 1;
                j += 1;
            }
            j += 1;
            loop {
                if j >= chars.len() {
                    break;
                }
                if chars[j] == '"' && (1..=hashes).all(|k| at(j + k) == '#') {
                    j += 1 + hashes;
                    break;
                }
                j += 1;
            }
            i = j;
        } else if c == '\'' {
            if at(i + 1) == '\\' {
                // An escaped character: '\n', '\'', '\u{1F600}'.
                i += 2;
                while i < chars.len() && chars[i] != '\'' {
                    i += 1;
                }
                i += 1;
            } else if at(i + 2) == '\'' {
                i += 3; // a character: 'a'
            } else {
                i += 1; // a lifetime: its name follows as an identifier
            }
        } else if c.is_alphabetic() || c == '_' {
            let start = i;
            while i < chars.len() && (chars[i].is_alphanumeric() || chars[i] == '_') {
                i += 1;
            }
            let word: String = chars[start..i].iter().collect();
            if word == "r" && at(i) == '#' {
                i += 1; // a raw identifier: r#type
                continue;
            }
            tokens.push(Token::Ident(word));
        } else if c.is_ascii_digit() {
            while i < chars.len() && (chars[i].is_alphanumeric() || chars[i] == '_') {
                i += 1;
            }
            tokens.push(Token::Other);
        } else {
            i += 1;
            tokens.push(match c {
                ':' if at(i) == ':' => {
                    i += 1;
                    Token::PathSep
                }
                '{' => Token::Open,
                '}' => Token::Close,
                ',' => Token::Comma,
                ';' => Token::Semi,
                '*' => Token::Star,
                _ => Token::Other,
            });
        }
    }
    tokens
}

/// The module path of a file: `views/layout.rs` → `["views", "layout"]`.
fn module_of(name: &str) -> Vec<String> {
    let stem = name.strip_suffix(".rs").unwrap_or(name);
    let mut parts: Vec<String> = stem.split('/').map(str::to_owned).collect();
    if matches!(parts.last().map(String::as_str), Some("mod" | "lib")) {
        parts.pop();
    }
    parts
}

fn read_sources(dir: &Path, root: &Path, files: &mut Vec<SourceFile>) {
    let mut entries: Vec<PathBuf> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .collect();
    entries.sort();
    for path in entries {
        let name = path
            .strip_prefix(root)
            .unwrap()
            .to_string_lossy()
            .replace('\\', "/");
        // NOTE: the binaries are crates of their own; `crate::` in them is not the library.
        if name == "bin" || name == "main.rs" {
            continue;
        }
        if path.is_dir() {
            read_sources(&path, root, files);
        } else if name.ends_with(".rs") {
            let text = std::fs::read_to_string(&path).unwrap();
            files.push(SourceFile {
                name,
                tokens: tokenize(&text),
            });
        }
    }
}

/// A `use` tree's leaves: each full path, with the name it is known by
/// (`None` for a glob).
fn use_leaves(tokens: &[Token], prefix: &[String], out: &mut Vec<(Vec<String>, Option<String>)>) {
    // Splits the tree at its top-level commas.
    let mut depth = 0;
    let mut start = 0;
    let mut parts = Vec::new();
    for (i, token) in tokens.iter().enumerate() {
        match token {
            Token::Open => depth += 1,
            Token::Close => depth -= 1,
            Token::Comma if depth == 0 => {
                parts.push(&tokens[start..i]);
                start = i + 1;
            }
            _ => {}
        }
    }
    parts.push(&tokens[start..]);
    for part in parts {
        let mut path = prefix.to_vec();
        let mut i = 0;
        while i < part.len() {
            match &part[i] {
                Token::Ident(word) if word == "as" => {
                    if let Some(Token::Ident(alias)) = part.get(i + 1) {
                        out.push((path.clone(), Some(alias.clone())));
                    }
                    path.clear();
                    break;
                }
                Token::Ident(word) if word == "self" && !path.is_empty() => {}
                Token::Ident(word) => path.push(word.clone()),
                Token::PathSep => {}
                Token::Star => {
                    out.push((path.clone(), None));
                    path.clear();
                    break;
                }
                Token::Open => {
                    let close = part.len() - 1;
                    if part
                        .get(i + 1..close)
                        .is_some_and(|inner| !inner.is_empty())
                    {
                        use_leaves(&part[i + 1..close], &path, out);
                    }
                    path.clear();
                    break;
                }
                _ => {}
            }
            i += 1;
        }
        if let Some(last) = path.last().cloned() {
            out.push((path, Some(last)));
        }
    }
}

/// What one file refers to: each path with the module scope it appears in,
/// and the names it re-exports (`pub use`).
struct References {
    paths: Vec<(Vec<String>, Vec<String>)>,
    reexports: Vec<(Vec<String>, String, Vec<String>)>,
    inline_modules: Vec<Vec<String>>,
}

fn references(file: &SourceFile) -> References {
    let tokens = &file.tokens;
    let module = module_of(&file.name);
    let mut refs = References {
        paths: Vec::new(),
        reexports: Vec::new(),
        inline_modules: Vec::new(),
    };
    // The inline modules open at this point: (their path, the depth they close at).
    let mut scopes: Vec<(Vec<String>, usize)> = vec![(module, 0)];
    let mut depth = 0;
    let mut i = 0;
    while i < tokens.len() {
        let scope = scopes.last().unwrap().0.clone();
        match &tokens[i] {
            Token::Open => depth += 1,
            Token::Close => {
                depth -= 1;
                if scopes.len() > 1 && scopes.last().unwrap().1 == depth {
                    scopes.pop();
                }
            }
            Token::Ident(word) if word == "mod" => {
                if let (Some(Token::Ident(name)), Some(Token::Open)) =
                    (tokens.get(i + 1), tokens.get(i + 2))
                {
                    let mut inner = scope.clone();
                    inner.push(name.clone());
                    refs.inline_modules.push(inner.clone());
                    scopes.push((inner, depth));
                    depth += 1;
                    i += 3;
                    continue;
                }
            }
            Token::Ident(word) if word == "use" => {
                let public = i > 0 && tokens[..i].ends_with(&[Token::Ident("pub".into())])
                    || i > 3 && tokens[i - 4] == Token::Ident("pub".into());
                let end = tokens[i..]
                    .iter()
                    .position(|t| *t == Token::Semi)
                    .map_or(tokens.len(), |p| i + p);
                let mut leaves = Vec::new();
                use_leaves(&tokens[i + 1..end], &[], &mut leaves);
                for (path, name) in leaves {
                    if public {
                        if let Some(name) = &name {
                            refs.reexports
                                .push((scope.clone(), name.clone(), path.clone()));
                        }
                    }
                    refs.paths.push((scope.clone(), path));
                }
                i = end + 1;
                continue;
            }
            Token::Ident(first)
                if (i == 0 || tokens[i - 1] != Token::PathSep)
                    && tokens.get(i + 1) == Some(&Token::PathSep) =>
            {
                let mut path = vec![first.clone()];
                let mut j = i + 1;
                while tokens.get(j) == Some(&Token::PathSep) {
                    match tokens.get(j + 1) {
                        Some(Token::Ident(next)) => path.push(next.clone()),
                        _ => break,
                    }
                    j += 2;
                }
                refs.paths.push((scope, path));
                i = j;
                continue;
            }
            _ => {}
        }
        i += 1;
    }
    refs
}

/// The crate's files and which depends on which.
struct Graph {
    files: Vec<String>,
    edges: BTreeMap<String, BTreeSet<String>>,
}

impl Graph {
    fn of_src() -> Graph {
        let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
        let mut sources = Vec::new();
        read_sources(&root, &root, &mut sources);
        let all: Vec<References> = sources.iter().map(references).collect();
        // Every module, file or inline, and the file it lives in.
        let mut modules: HashMap<Vec<String>, String> = HashMap::new();
        for (file, refs) in sources.iter().zip(&all) {
            modules.insert(module_of(&file.name), file.name.clone());
            for inline in &refs.inline_modules {
                modules.insert(inline.clone(), file.name.clone());
            }
        }
        let mut reexports: HashMap<(Vec<String>, String), Vec<String>> = HashMap::new();
        for refs in &all {
            for (scope, name, path) in &refs.reexports {
                if let Some(target) = absolute(scope, path, &modules) {
                    reexports.insert((scope.clone(), name.clone()), target);
                }
            }
        }
        let mut edges: BTreeMap<String, BTreeSet<String>> = BTreeMap::new();
        for (file, refs) in sources.iter().zip(&all) {
            let targets = edges.entry(file.name.clone()).or_default();
            for (scope, path) in &refs.paths {
                let Some(path) = absolute(scope, path, &modules) else {
                    continue;
                };
                if let Some(target) = defining_file(&path, &modules, &reexports) {
                    if target != file.name {
                        targets.insert(target);
                    }
                }
            }
        }
        Graph {
            files: sources.into_iter().map(|f| f.name).collect(),
            edges,
        }
    }

    /// The groups of files that depend on each other in a circle (Tarjan).
    fn cycles(&self) -> Vec<Vec<String>> {
        struct State<'g> {
            graph: &'g Graph,
            index: HashMap<&'g str, usize>,
            low: HashMap<&'g str, usize>,
            stack: Vec<&'g str>,
            on_stack: BTreeSet<&'g str>,
            found: Vec<Vec<String>>,
        }
        fn visit<'g>(state: &mut State<'g>, file: &'g str) {
            let n = state.index.len();
            state.index.insert(file, n);
            state.low.insert(file, n);
            state.stack.push(file);
            state.on_stack.insert(file);
            for next in state.graph.edges.get(file).into_iter().flatten() {
                let next = next.as_str();
                if !state.index.contains_key(next) {
                    visit(state, next);
                    let low = state.low[file].min(state.low[next]);
                    state.low.insert(file, low);
                } else if state.on_stack.contains(next) {
                    let low = state.low[file].min(state.index[next]);
                    state.low.insert(file, low);
                }
            }
            if state.low[file] == state.index[file] {
                let mut group = Vec::new();
                while let Some(member) = state.stack.pop() {
                    state.on_stack.remove(member);
                    group.push(member.to_owned());
                    if member == file {
                        break;
                    }
                }
                if group.len() > 1 {
                    group.sort();
                    state.found.push(group);
                }
            }
        }
        let mut state = State {
            graph: self,
            index: HashMap::new(),
            low: HashMap::new(),
            stack: Vec::new(),
            on_stack: BTreeSet::new(),
            found: Vec::new(),
        };
        for file in &self.files {
            if !state.index.contains_key(file.as_str()) {
                visit(&mut state, file);
            }
        }
        state.found
    }

    /// The same graph between the top-level modules of `src/`: each folder
    /// (`views/`) and each file directly in `src/` counts as one node.
    fn by_top_module(&self) -> Graph {
        let top = |file: &str| -> String {
            match file.split_once('/') {
                Some((folder, _)) => format!("{folder}/"),
                None => file.to_owned(),
            }
        };
        let mut edges: BTreeMap<String, BTreeSet<String>> = BTreeMap::new();
        for (from, targets) in &self.edges {
            let node = edges.entry(top(from)).or_default();
            node.extend(targets.iter().map(|to| top(to)));
        }
        for (node, targets) in &mut edges {
            targets.remove(node);
        }
        let files: BTreeSet<String> = self.files.iter().map(|f| top(f)).collect();
        Graph {
            files: files.into_iter().collect(),
            edges,
        }
    }

    /// The edges between the files of `group`, as `a.rs → b.rs` lines.
    fn edges_within(&self, group: &[String]) -> Vec<String> {
        group
            .iter()
            .flat_map(|from| {
                self.edges[from]
                    .iter()
                    .filter(|to| group.contains(to))
                    .map(move |to| format!("{from} → {to}"))
            })
            .collect()
    }
}

/// `path` as seen from module `scope`, made absolute; `None` when it names
/// something outside the crate (another crate, a type's associated item).
fn absolute(
    scope: &[String],
    path: &[String],
    modules: &HashMap<Vec<String>, String>,
) -> Option<Vec<String>> {
    let mut base: Vec<String> = scope.to_vec();
    let mut rest = path;
    match path.first().map(String::as_str) {
        Some("crate") => {
            base.clear();
            rest = &path[1..];
        }
        Some("self") => rest = &path[1..],
        Some("super") => {
            while rest.first().map(String::as_str) == Some("super") {
                base.pop()?;
                rest = &rest[1..];
            }
        }
        Some(first) => {
            let mut child = scope.to_vec();
            child.push(first.to_owned());
            if !modules.contains_key(&child) {
                return None;
            }
        }
        None => return None,
    }
    base.extend(rest.iter().cloned());
    Some(base)
}

/// The file that defines what `path` names: the deepest module on the path,
/// followed through its re-exports.
fn defining_file(
    path: &[String],
    modules: &HashMap<Vec<String>, String>,
    reexports: &HashMap<(Vec<String>, String), Vec<String>>,
) -> Option<String> {
    let mut path = path.to_vec();
    for _ in 0..8 {
        let depth = (0..=path.len())
            .rev()
            .find(|&n| modules.contains_key(&path[..n]))?;
        let module = path[..depth].to_vec();
        match path.get(depth) {
            Some(name) if reexports.contains_key(&(module.clone(), name.clone())) => {
                let mut target = reexports[&(module, name.clone())].clone();
                target.extend(path[depth + 1..].iter().cloned());
                if target == path {
                    break;
                }
                path = target;
            }
            _ => return modules.get(&module).cloned(),
        }
    }
    modules.get(&path).cloned()
}

/// Fails naming each cycle of `graph`, its members called `what`, and the
/// edges that close it.
fn assert_no_cycle(graph: &Graph, what: &str) {
    let cycles = graph.cycles();
    let report: Vec<String> = cycles
        .iter()
        .map(|group| {
            format!(
                "these {what} form a cycle: {}\n  {}",
                group.join(", "),
                graph.edges_within(group).join("\n  ")
            )
        })
        .collect();
    assert!(cycles.is_empty(), "{}", report.join("\n"));
}

#[test]
fn no_module_of_the_shop_depends_on_itself_through_others() {
    assert_no_cycle(&Graph::of_src(), "files");
}

#[test]
fn no_folder_of_the_shop_depends_on_itself_through_others() {
    // Files may depend on each other in one direction and still tie their
    // folders in a knot (`views/` → `shop.rs` → `views/`); this reads the
    // layers as wholes.
    let graph = Graph::of_src().by_top_module();
    assert_no_cycle(&graph, "modules");
}

#[test]
fn only_the_routes_and_the_wiring_use_the_routes() {
    let graph = Graph::of_src();
    let upward: Vec<String> = graph
        .edges
        .iter()
        .filter(|(from, _)| !from.starts_with("routes/") && *from != "lib.rs")
        .flat_map(|(from, targets)| {
            targets
                .iter()
                .filter(|to| to.starts_with("routes/"))
                .map(move |to| format!("{from} → {to}"))
        })
        .collect();
    assert!(upward.is_empty(), "below the routes: {upward:?}");
}

#[test]
fn the_cycle_check_sees_a_cycle_and_names_its_files() {
    // Two files that import each other, the way the check reads `src/`.
    let files = [
        ("views/a.rs", "use crate::views::b::B;\npub struct A;"),
        ("views/b.rs", "pub struct B(crate::views::a::A);"),
        ("views/mod.rs", "pub mod a;\npub mod b;\npub use a::A;"),
        ("lib.rs", "pub mod views; // crate::views::a in a comment\n"),
    ];
    let sources: Vec<SourceFile> = files
        .iter()
        .map(|(name, text)| SourceFile {
            name: (*name).to_owned(),
            tokens: tokenize(text),
        })
        .collect();
    let mut modules = HashMap::new();
    for file in &sources {
        modules.insert(module_of(&file.name), file.name.clone());
    }
    let mut edges: BTreeMap<String, BTreeSet<String>> = BTreeMap::new();
    for file in &sources {
        let refs = references(file);
        let targets = edges.entry(file.name.clone()).or_default();
        for (scope, path) in &refs.paths {
            if let Some(path) = absolute(scope, path, &modules) {
                if let Some(target) = defining_file(&path, &modules, &HashMap::new()) {
                    if target != file.name {
                        targets.insert(target);
                    }
                }
            }
        }
    }
    let graph = Graph {
        files: sources.into_iter().map(|f| f.name).collect(),
        edges,
    };
    assert_eq!(
        graph.cycles(),
        vec![vec!["views/a.rs".to_owned(), "views/b.rs".to_owned()]]
    );
    assert_eq!(
        graph.edges_within(&["views/a.rs".to_owned(), "views/b.rs".to_owned()]),
        ["views/a.rs → views/b.rs", "views/b.rs → views/a.rs"]
    );
    assert!(graph.edges["lib.rs"].is_empty(), "comments are not imports");
}
