//! The commands, one module per group: each holds its arguments (clap) and its handler
//! (arguments → `kiroku-api` → `crate::output`). This module only dispatches; what several
//! commands share lives outside `commands` (`session`, `input`, `filters`, `output`, `secrets`).

mod affair;
mod audit;
mod check;
mod contractor;
mod demo;
mod eval;
mod export;
mod handling;
mod import;
mod imports;
mod incident;
mod key;
mod ledger;
mod manual;
mod person;
mod print;
mod reminders;
mod retention;
mod setting;
mod user;
mod vault;

use clap::Subcommand;

use crate::global::Global;
use crate::output::Failure;

// Parsed once per run: the size of the largest variant does not matter.
#[allow(clippy::large_enum_variant)]
#[derive(Debug, Subcommand)]
pub enum Command {
    /// 記録ファイルを新しく作り、最初の事務取扱責任者を登録する（復旧コードを一度だけ表示）。
    Init(vault::InitArgs),
    /// 利用者の追加・一覧・無効化・パスワード再設定・変更。
    #[command(subcommand)]
    User(user::UserCommand),
    /// 記録ファイルの概要（団体名、利用者数、件数、保護方式）。
    Status,
    /// 関係事務の一覧・追加。
    #[command(subcommand)]
    Affair(affair::AffairCommand),
    /// 本人（職員等・理事・組合議員・第三者・委託事業主の従業員）と扶養家族。
    #[command(subcommand)]
    Person(person::PersonCommand),
    /// 特定個人情報管理台帳（別紙2）。
    #[command(subcommand)]
    Ledger(ledger::LedgerCommand),
    /// 取扱記録（別紙1）: 取得・記載・利用・出力・持出し・提出・交付・廃棄・削除など。
    #[command(subcommand)]
    Event(handling::EventCommand),
    /// 取扱記録表・運用状況記録票（別紙1）の表示。
    #[command(subcommand)]
    View(handling::ViewCommand),
    /// 委託先・再委託先、契約条項、期限の一覧。
    #[command(subcommand)]
    Contractor(contractor::ContractorCommand),
    /// 委託先評価シート（別紙3）。
    #[command(subcommand)]
    Eval(eval::EvalCommand),
    /// 保存期間のルール。
    #[command(subcommand)]
    Rule(retention::RuleCommand),
    /// 保存文書（保存している書類・データ）。
    #[command(subcommand)]
    Doc(retention::DocCommand),
    /// 年度の廃棄予定: 期限超過、今年度の廃棄、証明書待ち、来年度。
    Schedule(retention::ScheduleArgs),
    /// 保存文書を廃棄・削除する（複数可。取扱記録にも記載）。
    Dispose(retention::DisposeArgs),
    /// 委託先の廃棄・削除証明書。
    #[command(subcommand)]
    Certificate(retention::CertificateCommand),
    /// 監査ログ（利用実績の記録）。
    #[command(subcommand)]
    Audit(audit::AuditCommand),
    /// 暗号鍵（利用者の退職やパスワード漏えいの疑いのとき、事務取扱責任者が更新する）。
    #[command(subcommand)]
    Key(key::KeyCommand),
    /// 暗号化したバックアップを1ファイルに書き出す（書き出し後に検証）。
    Backup(vault::BackupArgs),
    /// バックアップを新しい記録ファイルに復元する（復旧コードが必要）。
    Restore(vault::RestoreArgs),
    /// 記録票を PDF に印刷する: lifecycle（取扱記録表）| chronological（運用状況記録票）| ledger（管理台帳）| evaluation（委託先評価シート）| disposal（廃棄予定一覧 兼 廃棄記録簿）。
    Print(print::PrintArgs),
    /// 一覧を Excel 用に書き出す（xlsx・CSV）: chronological | lifecycle | ledger | persons（本人・扶養家族）| documents（保存文書）| disposal | contractors | evaluations | audit。
    Export(export::ExportArgs),
    /// Excel・CSV の一覧を取り込む（まず --dry-run で確認）: persons（職員名簿から本人・扶養家族）| ledger（管理台帳）| events（取扱記録表）。個人番号の列・セルは読み飛ばし、保存しない。
    Import(import::ImportArgs),
    /// 取り込みの一覧と、取り込んだ取扱記録表のまとめての取消し。
    #[command(subcommand)]
    Imports(imports::ImportsCommand),
    /// 事故・漏えい等の事案: 第一報、事実確認、報告要否の判定と確認、報告、本人への通知、完了。
    #[command(subcommand)]
    Incident(incident::IncidentCommand),
    /// 取扱状況の点検（監査）: 年度の点検・臨時の点検、項目への回答、改善措置、作成・確認・監査意見・決裁。
    #[command(subcommand)]
    Check(check::CheckCommand),
    /// お知らせ: 年度末の廃棄、委託先の再評価、バックアップ、点検、改善措置、事故の報告期限（--dismiss でしばらく表示しない）。
    Reminders(reminders::RemindersArgs),
    /// 設定（日付の表記: 和暦・西暦、組織の種別、通知）。
    #[command(subcommand)]
    Setting(setting::SettingCommand),
    /// デモ用の事務所の記録ファイルを作る（職員・扶養家族・理事・台帳・数年分の取扱記録）。同じ --seed なら同じ内容。パスワードは KIROKU_NEW_PASSWORD または入力。
    Demo(demo::DemoArgs),
    /// 操作マニュアル（PDF）を原稿（docs/manual の Markdown と画面の画像）から作る。記録ファイルは使わない。
    Manual(manual::ManualArgs),
}

pub fn run(cli: &Global, command: &Command) -> Result<(), Failure> {
    match command {
        Command::Init(a) => vault::init(cli, a),
        Command::User(cmd) => user::run(cli, cmd),
        Command::Status => vault::status(cli),
        Command::Incident(cmd) => incident::run(cli, cmd),
        Command::Check(cmd) => check::run(cli, cmd),
        Command::Reminders(a) => reminders::run(cli, a),
        Command::Affair(cmd) => affair::run(cli, cmd),
        Command::Person(cmd) => person::run(cli, cmd),
        Command::Ledger(cmd) => ledger::run(cli, cmd),
        Command::Event(cmd) => handling::event(cli, cmd),
        Command::View(cmd) => handling::view(cli, cmd),
        Command::Contractor(cmd) => contractor::run(cli, cmd),
        Command::Eval(cmd) => eval::run(cli, cmd),
        Command::Rule(cmd) => retention::rule(cli, cmd),
        Command::Doc(cmd) => retention::doc(cli, cmd),
        Command::Schedule(a) => retention::schedule(cli, a),
        Command::Dispose(a) => retention::dispose(cli, a),
        Command::Certificate(cmd) => retention::certificate(cli, cmd),
        Command::Audit(cmd) => audit::run(cli, cmd),
        Command::Key(cmd) => key::run(cli, cmd),
        Command::Backup(a) => vault::backup(cli, a),
        Command::Print(a) => print::run(cli, a),
        Command::Export(a) => export::run(cli, a),
        Command::Import(a) => import::run(cli, a),
        Command::Imports(cmd) => imports::run(cli, cmd),
        Command::Setting(cmd) => setting::run(cli, cmd),
        Command::Restore(a) => vault::restore(cli, a),
        Command::Demo(a) => demo::run(cli, a),
        Command::Manual(a) => manual::run(cli, a),
    }
}
