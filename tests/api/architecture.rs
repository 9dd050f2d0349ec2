//! The layers hold (docs/ARCHITECTURE.md): read from the source, no module
//! imports one of a higher layer (domain and io < store < service < demo
//! and http < cli, app, bench), and no import circle joins more than two
//! files (a module and its parent may name each other).

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

fn layer(top: &str) -> Option<u8> {
    Some(match top {
        // `error`, `config` and `i18n` are used by every layer and sit in
        // none (`error` turns the store's errors into responses).
        "domain" | "io" => 0,
        "store" => 1,
        "service" => 2,
        "demo" | "http" => 3,
        "cli" | "app" | "bench" => 4,
        _ => return None,
    })
}

/// Every `.rs` file below `dir` (the audit words test reads them too).
pub fn rust_files(dir: &Path, out: &mut Vec<PathBuf>) {
    for entry in std::fs::read_dir(dir).expect("read src") {
        let path = entry.expect("entry").path();
        if path.is_dir() {
            rust_files(&path, out);
        } else if path.extension().is_some_and(|e| e == "rs") {
            out.push(path);
        }
    }
}

/// `src/service/party/mod.rs` → ["service", "party"].
fn module_of(src: &Path, file: &Path) -> Vec<String> {
    let rel = file
        .strip_prefix(src)
        .expect("under src")
        .with_extension("");
    let mut parts: Vec<String> = rel
        .components()
        .map(|c| c.as_os_str().to_string_lossy().into_owned())
        .collect();
    if matches!(
        parts.last().map(String::as_str),
        Some("mod" | "lib" | "main")
    ) {
        parts.pop();
    }
    parts
}

fn ident(s: &str) -> (&str, &str) {
    let end = s
        .find(|c: char| !(c.is_ascii_alphanumeric() || c == '_'))
        .unwrap_or(s.len());
    (&s[..end], &s[end..])
}

/// The module paths named by the use-tree or path at the start of `s`,
/// each prefixed with `base`.
fn paths(base: Vec<String>, s: &str, out: &mut Vec<Vec<String>>) {
    let s = s.trim_start();
    if let Some(group) = s.strip_prefix('{') {
        let mut depth = 0;
        let mut start = 0;
        for (i, c) in group.char_indices() {
            match c {
                '{' => depth += 1,
                '}' if depth == 0 => {
                    paths(base.clone(), &group[start..i], out);
                    return;
                }
                '}' => depth -= 1,
                ',' if depth == 0 => {
                    paths(base.clone(), &group[start..i], out);
                    start = i + 1;
                }
                _ => {}
            }
        }
        return;
    }
    let (name, rest) = ident(s);
    if name.is_empty() || !name.starts_with(|c: char| c.is_ascii_lowercase()) {
        out.push(base);
        return;
    }
    let mut path = base;
    if name != "self" {
        path.push(name.to_owned());
    }
    match rest.strip_prefix("::") {
        Some(more) => paths(path, more, out),
        None => out.push(path),
    }
}

#[test]
fn no_layer_imports_a_higher_one_and_no_circle_passes_two_files() {
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let mut files = Vec::new();
    rust_files(&src, &mut files);
    let modules: BTreeMap<Vec<String>, PathBuf> = files
        .iter()
        .map(|f| (module_of(&src, f), f.clone()))
        .collect();
    let mut edges: BTreeMap<PathBuf, BTreeSet<PathBuf>> = BTreeMap::new();
    let mut wrong = Vec::new();
    for file in &files {
        let me = module_of(&src, file);
        let text = std::fs::read_to_string(file).expect("read");
        // Unit tests (at the end of a file) may reach anywhere.
        let text = text.split("#[cfg(test)]").next().unwrap_or("");
        let mut named = Vec::new();
        for (prefix, base) in [
            ("crate::", Vec::new()),
            ("super::", me[..me.len().saturating_sub(1)].to_vec()),
        ] {
            for (i, _) in text.match_indices(prefix) {
                let before = text[..i].chars().last();
                if before.is_some_and(|c| c.is_ascii_alphanumeric() || c == '_') {
                    continue;
                }
                paths(base.clone(), &text[i + prefix.len()..], &mut named);
            }
        }
        for path in named {
            let Some(target) = (1..=path.len()).rev().find_map(|k| modules.get(&path[..k])) else {
                continue;
            };
            if target != file {
                edges
                    .entry(file.clone())
                    .or_default()
                    .insert(target.clone());
            }
            let (Some(from), Some(to)) = (me.first(), path.first()) else {
                continue;
            };
            if let (Some(a), Some(b)) = (layer(from), layer(to))
                && b > a
                && from != to
            {
                wrong.push(format!("{} imports {}", file.display(), path.join("::")));
            }
        }
    }
    wrong.sort();
    wrong.dedup();
    assert!(wrong.is_empty(), "imports upwards:\n{}", wrong.join("\n"));

    // Tarjan's strongly connected components.
    struct Walk<'a> {
        edges: &'a BTreeMap<PathBuf, BTreeSet<PathBuf>>,
        index: BTreeMap<&'a PathBuf, usize>,
        low: BTreeMap<&'a PathBuf, usize>,
        stack: Vec<&'a PathBuf>,
        on: BTreeSet<&'a PathBuf>,
        circles: Vec<Vec<&'a PathBuf>>,
    }
    impl<'a> Walk<'a> {
        fn visit(&mut self, v: &'a PathBuf) {
            let n = self.index.len();
            self.index.insert(v, n);
            self.low.insert(v, n);
            self.stack.push(v);
            self.on.insert(v);
            for w in self.edges.get(v).into_iter().flatten() {
                if !self.index.contains_key(w) {
                    self.visit(w);
                    let lw = self.low[w];
                    let lv = self.low.get_mut(v).expect("visited");
                    *lv = (*lv).min(lw);
                } else if self.on.contains(w) {
                    let iw = self.index[w];
                    let lv = self.low.get_mut(v).expect("visited");
                    *lv = (*lv).min(iw);
                }
            }
            if self.low[v] == self.index[v] {
                let mut circle = Vec::new();
                while let Some(w) = self.stack.pop() {
                    self.on.remove(w);
                    circle.push(w);
                    if w == v {
                        break;
                    }
                }
                if circle.len() > 2 {
                    self.circles.push(circle);
                }
            }
        }
    }
    let mut walk = Walk {
        edges: &edges,
        index: BTreeMap::new(),
        low: BTreeMap::new(),
        stack: Vec::new(),
        on: BTreeSet::new(),
        circles: Vec::new(),
    };
    for f in &files {
        if !walk.index.contains_key(f) {
            walk.visit(f);
        }
    }
    assert!(
        walk.circles.is_empty(),
        "import circles of more than two files: {:?}",
        walk.circles
    );
    // The check sees imports at all (it would pass on an empty graph).
    assert!(edges.values().map(BTreeSet::len).sum::<usize>() > 200);
}
