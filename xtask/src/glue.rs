//! One module instead of three: the wasm-bindgen glue with its JavaScript snippets
//! (`src/wasm/element.js`, `src/wasm/host.js`) inlined.
//!
//! wasm-bindgen writes each `#[wasm_bindgen(module = …)]` file as a module of its own under
//! `snippets/<crate>-<hash>/`, imported by the glue. A browser learns of them only after it has
//! the glue, so they cost the page one more round trip before the `.wasm` fetch can start, and
//! Node ≈ 1.8 ms of a cold start (measured, README "Numbers"). Each snippet becomes a function
//! scope in the glue whose exports form the object the import bound: same names, same order of
//! evaluation (imports ran first; the scopes stand where the imports stood, at the top).
//!
//! Only self-contained snippets can move: anything that would resolve differently from the
//! glue's place (`import`, `import(`, `import.meta`) or an `export` form other than a declaration
//! stops the build rather than producing a different module.

use std::collections::BTreeMap;
use std::fs;
use std::path::Path;

use crate::cmd::Result;
use crate::fail;

/// Inlines the snippets the glue `glue_file` (in `dir`) imports, and removes `dir/snippets`.
pub fn inline_snippets(dir: &Path, glue_file: &str) -> Result {
    let glue_path = dir.join(glue_file);
    let glue = fs::read_to_string(&glue_path)?;
    let mut scopes: BTreeMap<String, String> = BTreeMap::new(); // snippet path → scope name
    let mut out = String::with_capacity(glue.len() + 32 * 1024);
    for line in glue.split_inclusive('\n') {
        let Some(import) = SnippetImport::parse(line.trim_end())? else {
            out.push_str(line);
            continue;
        };
        let scope = match scopes.get(import.path) {
            Some(scope) => scope.clone(),
            None => {
                let scope = format!("__vb_snippet{}", scopes.len());
                out.push_str(&snippet_scope(dir, import.path, &scope)?);
                scopes.insert(import.path.to_owned(), scope.clone());
                scope
            }
        };
        match import.binding {
            Binding::Names(names) => out.push_str(&format!("const {{ {names} }} = {scope};\n")),
            Binding::Namespace(name) => out.push_str(&format!("const {name} = {scope};\n")),
        }
    }
    // Whatever form an import took that the lines above did not recognise (a newer
    // wasm-bindgen), nothing may still load a file about to be removed.
    if ["from './snippets/", "from \"./snippets/", "import('./snippets/", "import(\"./snippets/"].iter().any(|f| out.contains(f)) {
        return Err(fail!("glue: {} still imports a snippet after inlining", glue_path.display()));
    }
    fs::write(&glue_path, out)?;
    let snippets = dir.join("snippets");
    if snippets.exists() {
        fs::remove_dir_all(&snippets)?;
    }
    Ok(())
}

/// The glue's initialisation, made to test for bytes and compiled modules before it reads the
/// fetch globals: in Node the first read of `Request` or `Response` loads Node's whole fetch
/// implementation, 20–25 ms of a cold `await init(bytes)` that never fetches (measured,
/// README "Numbers"). Browsers have both globals anyway; what each input does is unchanged.
/// A glue without the exact lines (another wasm-bindgen) stops the build.
pub fn bytes_before_fetch(dir: &Path, glue_file: &str) -> Result {
    let glue_path = dir.join(glue_file);
    let mut glue = fs::read_to_string(&glue_path)?;
    for (from, to) in FETCH_GUARDS {
        if glue.matches(from).count() != 1 {
            return Err(fail!("glue: {} does not have this line once (another wasm-bindgen?):\n{from}", glue_path.display()));
        }
        glue = glue.replace(from, to);
    }
    fs::write(&glue_path, glue)?;
    Ok(())
}

/// (wasm-bindgen's line, the line that first asks whether the input is bytes (a
/// `BufferSource`) or a compiled `WebAssembly.Module`, which need no fetch).
const FETCH_GUARDS: [(&str, &str); 2] = [
    (
        "    if (typeof module_or_path === 'string' || (typeof Request === 'function' && module_or_path instanceof Request) || (typeof URL === 'function' && module_or_path instanceof URL)) {",
        "    const direct = (module_or_path instanceof WebAssembly.Module || module_or_path instanceof ArrayBuffer || ArrayBuffer.isView(module_or_path));\n    if (!direct && (typeof module_or_path === 'string' || (typeof Request === 'function' && module_or_path instanceof Request) || (typeof URL === 'function' && module_or_path instanceof URL))) {",
    ),
    (
        "    if (typeof Response === 'function' && module instanceof Response) {",
        "    if (!(module instanceof WebAssembly.Module || module instanceof ArrayBuffer || ArrayBuffer.isView(module)) && typeof Response === 'function' && module instanceof Response) {",
    ),
];

/// One `import … from './snippets/…'` line of the glue.
struct SnippetImport<'a> {
    binding: Binding<'a>,
    path: &'a str,
}

/// What an import binds.
enum Binding<'a> {
    /// `import { a, b } from …`: the names, as written.
    Names(&'a str),
    /// `import * as name from …`.
    Namespace(&'a str),
}

impl<'a> SnippetImport<'a> {
    /// `None` for a line that imports no snippet; an error for a snippet import of a form this
    /// does not know (a newer wasm-bindgen), so nothing is left importing a removed file.
    fn parse(line: &'a str) -> Result<Option<Self>> {
        let Some(rest) = line.strip_prefix("import ") else { return Ok(None) };
        let Some((binding, from)) = rest.split_once(" from ") else { return Ok(None) };
        let path = from.trim_end_matches(';').trim_matches(|c| c == '\'' || c == '"');
        let Some(path) = path.strip_prefix("./").filter(|p| p.starts_with("snippets/")) else {
            return Ok(None);
        };
        let binding = if let Some(names) = binding.strip_prefix('{').and_then(|b| b.strip_suffix('}')) {
            Binding::Names(names.trim())
        } else if let Some(name) = binding.strip_prefix("* as ") {
            Binding::Namespace(name.trim())
        } else {
            return Err(fail!("glue: an import of a snippet this build cannot inline: {line}"));
        };
        Ok(Some(Self { binding, path }))
    }
}

/// The snippet at `dir/path` as `const scope = (() => { …; return { exports } })();`.
fn snippet_scope(dir: &Path, path: &str, scope: &str) -> Result<String> {
    let text = fs::read_to_string(dir.join(path)).map_err(|e| fail!("glue: snippet {path}: {e}"))?;
    let source = path.splitn(3, '/').nth(2).unwrap_or(path); // `src/wasm/element.js`
    let mut body = String::with_capacity(text.len());
    let mut exports = Vec::new();
    for line in text.split_inclusive('\n') {
        if line.starts_with("import ") || line.contains("import(") || line.contains("import.meta") {
            return Err(fail!("glue: {source} imports or names its own URL; it cannot be inlined: {}", line.trim_end()));
        }
        let Some(declaration) = line.strip_prefix("export ") else {
            body.push_str(line);
            continue;
        };
        let name = ["async function ", "function ", "class ", "const ", "let "]
            .iter()
            .find_map(|kind| declaration.strip_prefix(kind))
            .map(|rest| rest.split(|c: char| !(c.is_alphanumeric() || c == '_' || c == '$')).next().unwrap_or(""))
            .filter(|name| !name.is_empty())
            .ok_or_else(|| fail!("glue: {source}: an export this build cannot inline: {}", line.trim_end()))?;
        exports.push(name.to_owned());
        body.push_str(declaration);
    }
    Ok(format!(
        "// {source}, inlined by `cargo xtask build` (xtask/src/glue.rs): one module, one round trip.\n\
         const {scope} = (() => {{\n{body}\nreturn Object.freeze({{ __proto__: null, {} }});\n}})();\n",
        exports.join(", ")
    ))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn dir_with(glue: &str, snippet: &str) -> std::path::PathBuf {
        static NEXT: std::sync::atomic::AtomicUsize = std::sync::atomic::AtomicUsize::new(0);
        let n = NEXT.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
        let dir = std::env::temp_dir().join(format!("vb-glue-test-{}-{n}", std::process::id()));
        let _ = fs::remove_dir_all(&dir);
        fs::create_dir_all(dir.join("snippets/c-1/src")).unwrap();
        fs::write(dir.join("g.js"), glue).unwrap();
        fs::write(dir.join("snippets/c-1/src/s.js"), snippet).unwrap();
        dir
    }

    #[test]
    fn named_and_namespace_imports_bind_one_scope() {
        let dir = dir_with(
            "/* first */\nimport { a, B } from './snippets/c-1/src/s.js';\nimport * as import1 from \"./snippets/c-1/src/s.js\"\nuse(a, B, import1);\n",
            "const hidden = 1;\nexport function a() { return hidden; }\nexport class B {}\n",
        );
        inline_snippets(&dir, "g.js").unwrap();
        let glue = fs::read_to_string(dir.join("g.js")).unwrap();
        assert!(glue.starts_with("/* first */\n// src/s.js, inlined"), "{glue}");
        assert_eq!(glue.matches("const __vb_snippet0 = (() => {").count(), 1, "{glue}");
        assert!(glue.contains("function a() { return hidden; }\nclass B {}\n"), "{glue}");
        assert!(glue.contains("return Object.freeze({ __proto__: null, a, B });"), "{glue}");
        assert!(glue.contains("const { a, B } = __vb_snippet0;\nconst import1 = __vb_snippet0;\nuse(a, B, import1);\n"), "{glue}");
        assert!(!glue.contains("import "), "{glue}");
        assert!(!dir.join("snippets").exists());
        fs::remove_dir_all(dir).unwrap();
    }

    #[test]
    fn fetch_guards_go_in_once_or_the_build_stops() {
        let original = format!("a\n{}\nb\n{}\nc\n", FETCH_GUARDS[0].0, FETCH_GUARDS[1].0);
        let dir = dir_with(&original, "");
        bytes_before_fetch(&dir, "g.js").unwrap();
        let glue = fs::read_to_string(dir.join("g.js")).unwrap();
        assert_eq!(glue, format!("a\n{}\nb\n{}\nc\n", FETCH_GUARDS[0].1, FETCH_GUARDS[1].1));
        // Run twice, or on a glue another wasm-bindgen wrote, it finds no line to guard.
        assert!(bytes_before_fetch(&dir, "g.js").is_err());
        assert_eq!(fs::read_to_string(dir.join("g.js")).unwrap(), glue, "nothing written on failure");
        fs::remove_dir_all(dir).unwrap();
    }

    #[test]
    fn an_import_form_it_does_not_know_stops_the_build() {
        let dir = dir_with("import {\n  a,\n} from './snippets/c-1/src/s.js';\n", "export function a() {}\n");
        assert!(inline_snippets(&dir, "g.js").is_err());
        assert!(dir.join("snippets/c-1/src/s.js").exists());
        fs::remove_dir_all(dir).unwrap();
    }

    #[test]
    fn snippets_that_would_resolve_differently_stop_the_build() {
        for snippet in ["import x from './x.js';\n", "export default 1;\n", "export { a };\n", "const u = import.meta.url;\n", "await import('./x.js');\n"] {
            let dir = dir_with("import { a } from './snippets/c-1/src/s.js';\n", snippet);
            assert!(inline_snippets(&dir, "g.js").is_err(), "{snippet}");
            assert!(dir.join("snippets/c-1/src/s.js").exists(), "{snippet}: nothing removed on failure");
            fs::remove_dir_all(dir).unwrap();
        }
    }
}
