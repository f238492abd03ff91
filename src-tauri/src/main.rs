// Desktop shell: wires the Svelte UI (../ui/dist) to thin Tauri commands.
#![cfg_attr(not(debug_assertions), windows_subsystem = "windows")]

/// Version of the running app, shown on the start screen.
#[tauri::command]
fn app_version() -> &'static str {
    env!("CARGO_PKG_VERSION")
}

fn main() {
    tauri::Builder::default()
        .invoke_handler(tauri::generate_handler![app_version])
        .run(tauri::generate_context!())
        .expect("failed to run the Kiroku window");
}
