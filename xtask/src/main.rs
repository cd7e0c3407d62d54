//! `cargo xtask <command>`: the developer commands of verified-badge (the cargo-xtask
//! pattern; the alias is in `.cargo/config.toml`). `cargo xtask --help` lists them.

mod bench;
mod build;
mod cmd;
mod fuzz;
mod glue;
mod samples;
mod serve;
mod setup;
mod test;
mod vendor;

use std::process::ExitCode;

const HELP: &str = "\
cargo xtask <command>

  demo [--port N]            set up, build, serve www/ (and pkg/ at /pkg/) on http://127.0.0.1:8080
  test                       set up, then run every test tier; last line `N passed, N failed`
  setup                      install what is missing: wasm32 target, wasm-bindgen-cli (Cargo.lock's
                             version), npm dev tools (tests/web), Chromium + chromedriver (Debian)
  build                      build the npm package into pkg/ (wasm32 release, wasm-bindgen, wasm-opt)
  serve [--port N]           serve www/ and pkg/ as they are now (no set-up, no build)
  bench                      time `verify` natively and as WASM in Node; .wasm and pkg/ sizes
  samples [--check]          (re)generate the signed sample credentials in www/samples/
                             (--check: fail if the committed files differ or verify wrongly)
  fuzz [--seconds N] [T…]    run the cargo-fuzz targets (nightly) N seconds each (default 60);
                             crashes are saved to fuzz/regressions/ and replayed by `test`
  vendor-contexts [--check]  re-vendor the JSON-LD contexts from npm into src/canon/contexts/
                             (--check: re-hash them against manifest.json, offline), then `contexts`
  contexts                   pre-process the bundled contexts into src/canon/contexts/frozen.txt
                             (after changing a context or the engine's context processing)
";

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let (command, rest) = match args.split_first() {
        Some((c, rest)) => (c.as_str(), rest),
        None => ("--help", &[][..]),
    };
    let result = match command {
        "setup" => setup::main(rest),
        "build" => build::main(rest),
        "demo" => serve::demo(rest),
        "serve" => serve::main(rest),
        "test" => test::main(rest),
        "bench" => bench::main(rest),
        "bench-native" => bench::native(rest),
        "samples" => samples::main(rest),
        "fuzz" => fuzz::main(rest),
        "vendor-contexts" => vendor::main(rest),
        "contexts" if rest.is_empty() => vendor::freeze(),
        "-h" | "--help" | "help" => {
            print!("{HELP}");
            Ok(())
        }
        other => Err(fail!("unknown command `{other}`\n\n{HELP}")),
    };
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            // `test` has already printed its summary as the last line; add nothing after it.
            if !e.0.is_empty() {
                eprintln!("\x1b[1;31mxtask: error:\x1b[0m {e}");
            }
            ExitCode::FAILURE
        }
    }
}
