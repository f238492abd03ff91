//! Kiroku's desktop shell: the Svelte UI (`../ui/dist`) over `kiroku-api`. The window has a
//! strict CSP, loads nothing remote, and has no updater or telemetry.
#![cfg_attr(not(debug_assertions), windows_subsystem = "windows")]

mod check;
mod commands;
#[cfg(feature = "e2e-clock")]
mod e2e_clock;
mod manual;
mod open;
mod print_setup;
mod state;
mod webview;

use std::path::PathBuf;

/// The vault and what chose it: `--vault PATH` or `KIROKU_VAULT` if given (tests and the demo
/// point the app at a file), else the default (`kiroku_api::default_vault_path`: on Windows
/// `%LOCALAPPDATA%\Kiroku\office.kiroku`, elsewhere `<data dir>/kiroku/office.kiroku`).
fn vault_path() -> (PathBuf, &'static str) {
    let mut args = std::env::args_os().skip(1);
    while let Some(arg) = args.next() {
        if arg == "--vault" {
            if let Some(path) = args.next() {
                return (PathBuf::from(path), "--vault で指定");
            }
        }
    }
    if let Some(path) = std::env::var_os("KIROKU_VAULT") {
        return (PathBuf::from(path), "環境変数 KIROKU_VAULT");
    }
    (kiroku_api::default_vault_path(), "既定の場所")
}

fn main() {
    let (vault, chosen_by) = vault_path();
    if std::env::args_os().skip(1).any(|a| a == "--check") {
        std::process::exit(check::run(&vault, chosen_by));
    }
    if let Err(why) = webview::present() {
        webview::tell_missing(&why);
        std::process::exit(1);
    }
    if let Some(dir) = vault.parent() {
        let _ = std::fs::create_dir_all(dir);
    }
    #[allow(unused_mut)]
    let mut env = kiroku_api::Env::system();
    #[cfg(feature = "e2e-clock")]
    if let Some(clock) = e2e_clock::ShiftedClock::from_env() {
        env.clock = std::sync::Arc::new(clock);
    }
    let state = state::AppState::new(env, vault);
    let app = tauri::Builder::default()
        .manage(state)
        .setup(|app| {
            if let Some(window) = tauri::Manager::get_webview_window(app, "main") {
                print_setup::install(&window);
            }
            Ok(())
        })
        .invoke_handler(tauri::generate_handler![
            commands::vault_state,
            commands::event_forms,
            commands::setup,
            commands::login,
            commands::lock,
            commands::today,
            commands::dashboard,
            commands::events,
            commands::lifecycle,
            commands::add_events,
            commands::amend_event,
            commands::event_history,
            commands::persons,
            commands::add_person,
            commands::affairs,
            commands::users,
            commands::ledger,
            commands::schedule,
            commands::dispose,
            commands::contractors,
            commands::evaluations_of,
            commands::new_evaluation,
            commands::set_judgments,
            commands::finalize_evaluation,
            commands::print,
            commands::print_recovery_sheet,
            commands::audit_search,
            commands::audit_verify,
            commands::settings,
            commands::set_date_style,
            commands::set_auto_lock_minutes,
            commands::open_file,
            commands::open_manual,
            commands::rotate_key,
            commands::change_password,
            commands::echo_date,
            commands::text_warnings,
            commands::add_user,
            commands::add_affair,
            commands::add_dependent,
            commands::add_ledger_entry,
            commands::rules,
            commands::backup,
            commands::documents,
            commands::add_document,
            commands::preview,
            commands::print_dialog,
            commands::confirm_rules,
            commands::ledger_history,
            commands::amend_ledger_entry,
            commands::disable_user,
            commands::reset_password,
            commands::rule_starts,
            commands::add_rule,
            commands::edit_rule,
            commands::rule_history,
            commands::withdraw_event,
            commands::person,
            commands::correct_person,
            commands::person_history,
            commands::person_leave,
            commands::dependent_leave,
            commands::recover_password,
            commands::backups_beside,
            commands::restore_backup,
            commands::contractor,
            commands::add_contractor,
            commands::update_contractor,
            commands::set_clause,
            commands::disable_contractor,
            commands::add_certificate,
            commands::discard_evaluation,
            commands::last_entry_persons,
            commands::suggested_rule,
            commands::retention_preview,
            commands::export,
            commands::import_preview,
            commands::import,
            commands::import_batches,
            commands::import_profiles,
            commands::withdraw_import,
            commands::set_body_kind,
            commands::incidents,
            commands::incident,
            commands::report_incident,
            commands::update_incident,
            commands::confirm_incident,
            commands::file_incident_report,
            commands::notify_incident_persons,
            commands::close_incident,
            commands::print_incident,
            commands::checks,
            commands::check,
            commands::new_check,
            commands::answer_check,
            commands::add_check_action,
            commands::complete_check_action,
            commands::sign_check,
            commands::add_check_addendum,
            commands::print_check,
            commands::dismiss_reminder,
            commands::set_reminder_settings,
        ])
        .run(tauri::generate_context!());
    if let Err(e) = app {
        #[allow(clippy::print_stderr)]
        {
            eprintln!("Kiroku のウィンドウを開けませんでした: {e}");
        }
        std::process::exit(1);
    }
}
