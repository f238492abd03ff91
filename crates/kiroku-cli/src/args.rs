//! The command-line grammar.

use clap::{Args, Parser, Subcommand};
use std::path::PathBuf;

pub use crate::contract_args::{ContractorCommand, EvalCommand};
pub use crate::log_args::{EventCommand, LedgerCommand, ViewCommand};
pub use crate::retention_args::{CertificateCommand, DisposeArgs, DocCommand, RuleCommand};

#[derive(Debug, Parser)]
#[command(
    name = "kiroku",
    version,
    about = "Kiroku — 特定個人情報の取扱記録（取扱記録表・管理台帳・委託先評価・廃棄予定）",
    long_about = None
)]
pub struct Cli {
    /// 記録ファイル（*.kiroku）。既定は環境変数 KIROKU_VAULT。
    #[arg(long, global = true, env = "KIROKU_VAULT")]
    pub vault: Option<PathBuf>,
    /// ログインするユーザーID。既定は KIROKU_USER、なければ init で作った責任者。
    #[arg(long, global = true, env = "KIROKU_USER")]
    pub user: Option<String>,
    /// 結果を JSON で標準出力に出す。
    #[arg(long, global = true)]
    pub json: bool,
    /// 監査ログの記録より古い記録ファイル（意図して戻したコピー）を、事務取扱責任者が承知のうえで開く。
    #[arg(long, global = true)]
    pub accept_older_vault: bool,
    #[command(subcommand)]
    pub command: Command,
}

// Parsed once per run: the size of the largest variant does not matter.
#[allow(clippy::large_enum_variant)]
#[derive(Debug, Subcommand)]
pub enum Command {
    /// 記録ファイルを新しく作り、最初の事務取扱責任者を登録する（復旧コードを一度だけ表示）。
    Init(InitArgs),
    /// 利用者の追加・一覧・無効化・パスワード再設定・変更。
    #[command(subcommand)]
    User(UserCommand),
    /// 記録ファイルの概要（団体名、利用者数、件数、保護方式）。
    Status,
    /// 関係事務の一覧・追加。
    #[command(subcommand)]
    Affair(AffairCommand),
    /// 本人（職員等・理事・組合議員・第三者・委託事業主の従業員）と扶養家族。
    #[command(subcommand)]
    Person(PersonCommand),
    /// 特定個人情報管理台帳（別紙2）。
    #[command(subcommand)]
    Ledger(LedgerCommand),
    /// 取扱記録（別紙1）: 取得・記載・利用・出力・持出し・提出・交付・廃棄・削除など。
    #[command(subcommand)]
    Event(EventCommand),
    /// 取扱記録表・運用状況記録票（別紙1）の表示。
    #[command(subcommand)]
    View(ViewCommand),
    /// 委託先・再委託先、契約条項、期限の一覧。
    #[command(subcommand)]
    Contractor(ContractorCommand),
    /// 委託先評価シート（別紙3）。
    #[command(subcommand)]
    Eval(EvalCommand),
    /// 保存期間のルール。
    #[command(subcommand)]
    Rule(RuleCommand),
    /// 帳票（保存している書類・データ）。
    #[command(subcommand)]
    Doc(DocCommand),
    /// 年度の廃棄予定: 期限超過、今年度の廃棄、証明書待ち、来年度。
    Schedule {
        /// 年度（令和7年度、R7、2025。既定: 今年度）。
        #[arg(long)]
        fy: Option<String>,
    },
    /// 帳票を廃棄・削除する（複数可。取扱記録にも記載）。
    Dispose(DisposeArgs),
    /// 委託先の廃棄・削除証明書。
    #[command(subcommand)]
    Certificate(CertificateCommand),
    /// 監査ログ（利用実績の記録）。
    #[command(subcommand)]
    Audit(AuditCommand),
    /// 暗号鍵（利用者の退職やパスワード漏えいの疑いのとき、事務取扱責任者が更新する）。
    #[command(subcommand)]
    Key(KeyCommand),
    /// 暗号化したバックアップを1ファイルに書き出す（書き出し後に検証）。
    Backup {
        /// 書き出すファイル（既存のファイルは上書きしない）。
        #[arg(long)]
        out: PathBuf,
    },
    /// バックアップを新しい記録ファイルに復元する（復旧コードが必要）。
    Restore {
        /// バックアップファイル。
        #[arg(long)]
        from: PathBuf,
    },
    /// 帳票を PDF に印刷する: lifecycle（取扱記録表）| chronological（運用状況記録票）| ledger（管理台帳）| evaluation（委託先評価シート）| disposal（廃棄予定一覧 兼 廃棄記録簿）。
    Print(crate::print_cmd::PrintArgs),
    /// 設定（日付の表記: 和暦・西暦）。
    #[command(subcommand)]
    Setting(crate::print_cmd::SettingCommand),
    /// デモ用の事務所の記録ファイルを作る（職員・扶養家族・理事・台帳・数年分の取扱記録）。同じ --seed なら同じ内容。パスワードは KIROKU_NEW_PASSWORD または入力。
    Demo {
        /// 作る記録ファイル（既存のファイルは上書きしない）。
        #[arg(long)]
        out: PathBuf,
        /// 取扱記録の件数。
        #[arg(long, default_value_t = 2000)]
        events: u64,
        /// 職員の人数。
        #[arg(long, default_value_t = 60)]
        persons: u32,
        #[arg(long, default_value_t = 1)]
        seed: u64,
    },
    /// 性能の測定（開発・検証用）。
    #[command(subcommand)]
    Bench(BenchCommand),
}

#[derive(Debug, Args)]
pub struct InitArgs {
    // The officer's login ID is the global `--user`.
    /// 団体名（例: ○○広域事務組合）。
    #[arg(long)]
    pub org: String,
    /// 事務取扱責任者の氏名。
    #[arg(long)]
    pub name: String,
    /// 所属。
    #[arg(long)]
    pub dept: Option<String>,
    /// 関係事務の初期一覧: jimukumiai（事務組合）| roudouhoken（労働保険事務組合）| kyosai（共済組合 長期給付）
    #[arg(long, default_value = "jimukumiai")]
    pub template: String,
    /// 復旧用キーの用紙を PDF に印刷する（保存先のファイル）。
    #[arg(long)]
    pub recovery_pdf: Option<PathBuf>,
}

#[derive(Debug, Subcommand)]
pub enum UserCommand {
    /// 利用者を追加する（パスワードは KIROKU_NEW_PASSWORD または入力）。
    Add {
        #[arg(long)]
        id: String,
        #[arg(long)]
        name: String,
        /// officer（事務取扱責任者） | clerk（事務取扱担当者） | auditor（監査責任者）
        #[arg(long)]
        role: String,
        #[arg(long)]
        dept: Option<String>,
        /// 業務内容。
        #[arg(long)]
        duties: Option<String>,
    },
    /// 利用者の一覧。
    List,
    /// 利用者を無効化する（ログインできなくなる）。
    Disable { id: String },
    /// 利用者のパスワードを再設定する（新しいパスワードは KIROKU_NEW_PASSWORD または入力）。
    Reset { id: String },
    /// 自分のパスワードを変更する。
    Passwd,
}

#[derive(Debug, Subcommand)]
pub enum KeyCommand {
    /// 暗号鍵を新しくする: 古いパスワード・復旧コード・鍵ファイルのコピーでは以後の記録を開けなくなる。
    /// 新しい復旧コードを一度だけ表示する。
    Rotate {
        /// 更新の理由（例: 利用者の退職、パスワード漏えいの疑い）。
        #[arg(long)]
        reason: String,
        /// 新しい復旧用キーの用紙を PDF に印刷する（保存先のファイル）。
        #[arg(long)]
        recovery_pdf: Option<PathBuf>,
    },
}

#[derive(Debug, Subcommand)]
pub enum AffairCommand {
    /// 関係事務の一覧。
    List,
    /// 関係事務を追加する（事務取扱責任者のみ）。
    Add {
        #[arg(long)]
        name: String,
        /// 根拠（規程の条項など）。
        #[arg(long)]
        basis: Option<String>,
    },
}

#[derive(Debug, Subcommand)]
pub enum PersonCommand {
    /// 本人を登録する（個人番号は入力しない）。
    Add {
        /// staff | director | councillor | third_party | employer_staff
        #[arg(long)]
        kind: String,
        #[arg(long)]
        name: String,
        /// 所属。
        #[arg(long)]
        dept: Option<String>,
        /// 委託事業主名（委託事業主の従業員のとき）。
        #[arg(long)]
        employer: Option<String>,
    },
    /// 本人の一覧（退職者を含む）。
    List,
    /// 本人の詳細と扶養家族。
    Show { id: i64 },
    /// 扶養家族。
    #[command(subcommand)]
    Dependent(DependentCommand),
    /// 退職日等を記録する（記録は残る）。
    Leave {
        id: i64,
        /// 退職日（令和7年3月31日、R7.3.31、2025-03-31 など）。
        #[arg(long)]
        date: String,
    },
}

#[derive(Debug, Subcommand)]
pub enum DependentCommand {
    /// 扶養家族を追加する。
    Add {
        /// 本人の ID。
        id: i64,
        #[arg(long)]
        name: String,
        /// 続柄（配偶者、長男など）。
        #[arg(long)]
        relation: String,
    },
}

#[derive(Debug, Subcommand)]
pub enum AuditCommand {
    /// 最新の監査ログを表示する。
    List {
        /// 表示する行数。
        #[arg(long, default_value_t = 100)]
        limit: u64,
    },
    /// ファイルの全ページと監査ログのつながりを検証する。
    Verify,
}

#[derive(Debug, Subcommand)]
pub enum BenchCommand {
    /// 基盤の測定: 解錠時間、監査ログ追記、検証、バックアップ（一時フォルダに測定用の記録ファイルを作る）。
    Foundation {
        /// 追記する監査ログの行数。
        #[arg(long, default_value_t = 100_000)]
        rows: u64,
        /// 測定用ファイルを置くフォルダ（既定: 一時フォルダ）。
        #[arg(long)]
        dir: Option<PathBuf>,
    },
    /// 取扱記録の測定: デモの事務所（既定 10万件・1,000人）を作り、登録速度、一覧と取扱記録表の表示時間を測る。
    Log {
        #[arg(long, default_value_t = 100_000)]
        events: u64,
        #[arg(long, default_value_t = 1000)]
        persons: u32,
        /// 測定用ファイルを置くフォルダ（既定: 一時フォルダ）。
        #[arg(long)]
        dir: Option<PathBuf>,
    },
    /// 廃棄予定の測定: 帳票（既定 10万件）を登録し、今年度の廃棄予定の表示時間を測る。
    Retention {
        #[arg(long, default_value_t = 100_000)]
        documents: u32,
        /// 帳票の基準日を過去何年に散らすか（10: 一度も廃棄していない事務所、3: 毎年廃棄している事務所に近い）。
        #[arg(long, default_value_t = 10)]
        years: u32,
        #[arg(long)]
        dir: Option<PathBuf>,
    },
    /// 印刷の測定: ログイン後、帳票（既定: 運用状況記録票の全件）を runs 回印刷し、時間の中央値と印刷中の最大メモリを測る。
    Print {
        #[arg(default_value = "chronological")]
        form: String,
        #[arg(long, default_value_t = 3)]
        runs: usize,
        /// 保存先の PDF。
        #[arg(long)]
        out: PathBuf,
    },
    /// 開く速さの測定: 既存の記録ファイルに runs 回ログインし、ログイン（鍵の導出と全ページの検査）、ダッシュボード、今年度の取扱記録の時間を測る。
    Open {
        #[arg(long, default_value_t = 3)]
        runs: usize,
    },
    /// ログインして監査ログを追記し、確定（コミット）するたびに「ack 行番号」を出力する。
    Append {
        #[arg(long, default_value_t = 1000)]
        rows: u64,
        /// 1トランザクションあたりの行数。
        #[arg(long, default_value_t = 1)]
        per_tx: u64,
    },
}
