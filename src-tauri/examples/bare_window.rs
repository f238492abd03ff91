//! A bare Tauri window: the page of Tauri's starter template (a heading, an input, a button and
//! a line of script), no command, no vault — the baseline that
//! `scripts/bench-app.sh` measures the app's memory against, built with the same Tauri, the
//! same configuration and the same release profile as `kiroku-app`.

/// What `create-tauri-app`'s vanilla template shows.
const STARTER_PAGE: &str = "<!doctype html><meta charset=utf-8><title>bare</title>\
<h1>Welcome to Tauri</h1><p>Click on the Tauri logo to learn more.</p>\
<form><input placeholder='Enter a name...'><button type=submit>Greet</button></form><p id=msg></p>\
<script>document.querySelector('form').onsubmit=(e)=>{e.preventDefault();\
document.querySelector('#msg').textContent='Hello, '+document.querySelector('input').value;}</script>";

fn main() {
    let mut context = tauri::generate_context!();
    // Not the app's window (which loads the UI): the starter page instead.
    context.config_mut().app.windows.clear();
    let result = tauri::Builder::default()
        .register_uri_scheme_protocol("bare", |_ctx, _request| {
            tauri::http::Response::builder()
                .header("Content-Type", "text/html; charset=utf-8")
                .body(STARTER_PAGE.as_bytes().to_vec())
                .unwrap_or_else(|_| tauri::http::Response::new(Vec::new()))
        })
        .setup(|app| {
            let url = "bare://localhost/".parse::<tauri::Url>()?;
            tauri::WebviewWindowBuilder::new(app, "main", tauri::WebviewUrl::CustomProtocol(url))
                .title("bare window")
                .build()?;
            Ok(())
        })
        .run(context);
    if let Err(e) = result {
        #[allow(clippy::print_stderr)]
        {
            eprintln!("bare window: {e}");
        }
        std::process::exit(1);
    }
}
