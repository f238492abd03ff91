//! The grammar of `kiroku rule …`, `kiroku doc …`, `kiroku schedule`, `kiroku dispose` and
//! `kiroku certificate …`.

use clap::{Args, Subcommand};

#[derive(Debug, Subcommand)]
pub enum RuleCommand {
    /// 保存期間のルールの一覧（組込みのルールと追加したもの）。
    List,
    /// ルールの全ての版。
    Show { id: String },
    /// ルールを追加する（事務取扱責任者のみ）。
    Add(RuleArgs),
    /// ルールを変更する（事務取扱責任者のみ。理由が必要。そのルールの帳票はすべて再計算される）。
    Edit(RuleEditArgs),
}

#[derive(Debug, Args)]
pub struct RuleArgs {
    /// 帳票名。
    #[arg(long)]
    pub name: String,
    /// 起算点: base-date | day-after | after-jan10-next-year | next-fiscal-year
    #[arg(long)]
    pub start: String,
    /// 保存年数。
    #[arg(long)]
    pub years: String,
    /// 根拠（法令や規程の条項）。
    #[arg(long)]
    pub basis: String,
    /// 根拠が法令（指定しなければ規程・規程例）。
    #[arg(long)]
    pub statute: bool,
    /// 既定の廃棄方法（shred など、other:内容）。
    #[arg(long, default_value = "shred")]
    pub disposal: String,
    /// 基準日の説明（例: 完結の日）。
    #[arg(long)]
    pub base_hint: Option<String>,
}

#[derive(Debug, Args)]
pub struct RuleEditArgs {
    pub id: String,
    /// 変更の理由（必須）。
    #[arg(long)]
    pub reason: Option<String>,
    #[arg(long)]
    pub name: Option<String>,
    #[arg(long)]
    pub start: Option<String>,
    #[arg(long)]
    pub years: Option<String>,
    #[arg(long)]
    pub basis: Option<String>,
    /// 根拠が法令か: yes | no
    #[arg(long)]
    pub statute: Option<String>,
    #[arg(long)]
    pub disposal: Option<String>,
    #[arg(long)]
    pub base_hint: Option<String>,
}

#[derive(Debug, Subcommand)]
pub enum DocCommand {
    /// 帳票を登録する（本人1人分か、--batch-count で一式）。
    Add {
        /// 帳票名（例: 令和6年分 扶養控除等申告書）。
        #[arg(long)]
        name: String,
        /// 特定個人情報ファイル（台帳の NO.）。
        #[arg(long)]
        file: String,
        /// 保存期間のルール（ID または帳票名）。
        #[arg(long)]
        rule: String,
        /// 基準日（年分、提出日、退職日、失権日、完結の日など）。
        #[arg(long)]
        base_date: String,
        /// 本人の ID。
        #[arg(long)]
        person: Option<String>,
        /// 一式の件数（例: 48）。
        #[arg(long)]
        batch_count: Option<u32>,
    },
    /// 帳票の一覧。
    List {
        #[arg(long)]
        file: Option<String>,
        /// kept | disposed | deleted | awaiting_certificate
        #[arg(long)]
        state: Option<String>,
    },
    /// 帳票の詳細（保存期限・廃棄可能日・廃棄期限・年度末の廃棄）。
    Show { id: String },
}

#[derive(Debug, Args)]
pub struct DisposeArgs {
    /// 廃棄・削除する帳票の ID（カンマ区切り）。
    #[arg(long, value_delimiter = ',')]
    pub doc: Vec<String>,
    /// 方法: shred | dissolve | incinerate | destroy | wipe_software | system_delete | other:内容
    #[arg(long)]
    pub method: String,
    /// 廃棄・削除した日。
    #[arg(long)]
    pub date: String,
    /// 確認者のユーザーID（電子データの削除では必須）。
    #[arg(long)]
    pub witness: Option<String>,
    /// 廃棄を委託した委託先（ID または名称）。
    #[arg(long)]
    pub contractor: Option<String>,
    /// 委託先の廃棄証明書の番号（受領済みのとき）。
    #[arg(long)]
    pub certificate: Option<String>,
    /// 保存期限前に廃棄する理由（事務取扱責任者のみ）。
    #[arg(long)]
    pub early_reason: Option<String>,
}

#[derive(Debug, Subcommand)]
pub enum CertificateCommand {
    /// 委託先の廃棄・削除証明書を受領したことを記録する。
    Add {
        #[arg(long)]
        contractor: String,
        /// 証明書番号。
        #[arg(long)]
        no: String,
        /// 証明書の日付。
        #[arg(long)]
        date: String,
        /// 対象の帳票 ID（カンマ区切り）。
        #[arg(long, value_delimiter = ',')]
        doc: Vec<String>,
    },
}
