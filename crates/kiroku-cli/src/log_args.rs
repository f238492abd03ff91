//! The grammar of `kiroku ledger …`, `kiroku event …` and `kiroku view …`.
//!
//! IDs and numbers are read as text and checked by `crate::log::number` (the My Number guard
//! first), so that a mistyped 個人番号 is never echoed back by an argument parser.

use clap::{Args, Subcommand};
use std::path::PathBuf;

#[derive(Debug, Subcommand)]
pub enum LedgerCommand {
    /// 台帳（別紙2）に特定個人情報ファイルを登録する（NO. は自動で付く）。
    Add(LedgerAddArgs),
    /// 台帳の一覧（現在の版）。
    List,
    /// 台帳の1件。
    Show { no: String },
    /// 台帳の1件の全ての版（訂正の履歴）。
    History { no: String },
    /// 台帳を訂正する（新しい版として記録。理由が必要）。
    Amend(LedgerAmendArgs),
}

#[derive(Debug, Args)]
pub struct LedgerAddArgs {
    /// 名称（ファイルの種類・名称）。
    #[arg(long)]
    pub name: String,
    /// 特定個人情報の範囲。
    #[arg(long)]
    pub scope: String,
    /// 取扱部署。
    #[arg(long)]
    pub dept: String,
    /// 責任者のユーザーID。
    #[arg(long)]
    pub owner: String,
    /// 担当者（アクセス権を有する者）のユーザーID、カンマ区切り。
    #[arg(long, value_delimiter = ',')]
    pub handlers: Vec<String>,
    /// 利用目的。
    #[arg(long)]
    pub purpose: String,
    /// 保存期間（例: 翌年1月10日の翌日から7年）。
    #[arg(long)]
    pub retention: String,
    /// 廃棄・削除の方法: shred | dissolve | incinerate | destroy | wipe_software | system_delete | other:内容
    #[arg(long)]
    pub disposal: String,
    /// 保管場所。
    #[arg(long)]
    pub location: String,
    /// 電子データのファイル（指定しなければ紙媒体）。
    #[arg(long)]
    pub electronic: bool,
}

#[derive(Debug, Args)]
pub struct LedgerAmendArgs {
    pub no: String,
    /// 訂正の理由（必須）。
    #[arg(long)]
    pub reason: Option<String>,
    #[arg(long)]
    pub name: Option<String>,
    #[arg(long)]
    pub scope: Option<String>,
    #[arg(long)]
    pub dept: Option<String>,
    #[arg(long)]
    pub owner: Option<String>,
    #[arg(long, value_delimiter = ',')]
    pub handlers: Option<Vec<String>>,
    #[arg(long)]
    pub purpose: Option<String>,
    #[arg(long)]
    pub retention: Option<String>,
    #[arg(long)]
    pub disposal: Option<String>,
    #[arg(long)]
    pub location: Option<String>,
    /// paper（紙媒体） | electronic（電子データ）
    #[arg(long)]
    pub medium: Option<String>,
}

/// The details of an event; which ones a kind needs is in `kiroku event add --help`.
#[derive(Debug, Args, Default)]
pub struct EventFieldArgs {
    /// 取得元（acquire）: person | agent | employer | jlis | other:内容
    #[arg(long)]
    pub source: Option<String>,
    /// 本人確認方法（acquire: mynumber_card, notification_card, resident_record, preprinted_match, jlis, agent, employer_verified, other:内容）または廃棄・削除の方法（dispose, delete: shred, dissolve, incinerate, destroy, wipe_software, system_delete, other:内容）。「ID:内容」で具体的に書ける（例: mynumber_card:個人番号カードコピー）。
    #[arg(long)]
    pub method: Option<String>,
    /// 提出先（submit: tax_office, hello_work, pension_office, municipality, labour_bureau, kyosai_federation, other。例: tax_office:大分税務署）または持出先（take_out）。
    #[arg(long)]
    pub to: Option<String>,
    /// 提出方法（submit）: e_filing | registered_mail | sealed_hand_carry | information_network | other:内容
    #[arg(long)]
    pub via: Option<String>,
    /// 持出しの安全措置（take_out）、カンマ区切り: seal, tracked_mail, encryption, password, locked_case, other:内容
    #[arg(long, value_delimiter = ',')]
    pub measures: Vec<String>,
    /// 封緘したか（hand_over）: yes | no
    #[arg(long)]
    pub sealed: Option<String>,
    /// 内容: 利用の内容（use）、出力したもの（output）、持出しの目的（take_out）、廃棄・削除したもの（dispose, delete）、求めた内容（refusal）、訂正等の内容（correct）。
    #[arg(long)]
    pub content: Option<String>,
    /// 委託先（dispose を委託したとき、certificate）。
    #[arg(long)]
    pub contractor: Option<String>,
    /// 証明書番号（certificate）。
    #[arg(long)]
    pub certificate_no: Option<String>,
    /// 回答（refusal）。
    #[arg(long)]
    pub answer: Option<String>,
    /// 請求者（correct）。
    #[arg(long)]
    pub requester: Option<String>,
    /// 訂正理由（correct: 本人から求められた訂正等の理由）。
    #[arg(long)]
    pub correction_reason: Option<String>,
    /// 確認者のユーザーID（delete: 削除した担当者とは別の人）。
    #[arg(long)]
    pub witness: Option<String>,
    /// 責任者のユーザーID（correct）。
    #[arg(long)]
    pub officer: Option<String>,
    /// 備考。
    #[arg(long)]
    pub note: Option<String>,
}

#[derive(Debug, Subcommand)]
pub enum EventCommand {
    /// 取扱いを記録する。--person に複数の ID（カンマ区切り）か --persons-file を渡すと、同じ記録を全員分つける。
    Add(EventAddArgs),
    /// 記録の一覧（現在の版、日付順。訂正されたものに印）。
    List(QueryArgs),
    /// 記録の1件（現在の版）。
    Show { id: String },
    /// 記録を訂正する（新しい版として記録。理由が必要。空の値 "" で項目を消せる）。
    Amend(EventAmendArgs),
    /// 記録の全ての版（訂正の履歴）。
    History { id: String },
}

#[derive(Debug, Args)]
pub struct EventAddArgs {
    /// 種別: acquire | record | use | output | take_out | submit | hand_over | dispose | delete | certificate | refusal | correct
    #[arg(long)]
    pub kind: String,
    /// 行った日（令和7年12月10日、R7.12.10、2025-12-10 など）。
    #[arg(long)]
    pub date: String,
    /// 関係事務の ID または名称。
    #[arg(long)]
    pub affair: String,
    /// 本人の ID（複数はカンマ区切り）。
    #[arg(long, value_delimiter = ',')]
    pub person: Vec<String>,
    /// 本人の ID を1行に1つ書いたファイル（# で始まる行は無視）。
    #[arg(long)]
    pub persons_file: Option<PathBuf>,
    /// 扶養家族の名前または ID（本人が1人のとき）。
    #[arg(long)]
    pub dependent: Option<String>,
    /// 特定個人情報ファイル（台帳の NO.）。
    #[arg(long)]
    pub file: Option<String>,
    /// 行った担当者のユーザーID（既定: ログインしている利用者）。
    #[arg(long)]
    pub clerk: Option<String>,
    #[command(flatten)]
    pub fields: EventFieldArgs,
    /// 取得した書類を入れる既存の帳票の ID（acquire）。
    #[arg(long)]
    pub doc: Option<String>,
    /// 取得した書類から帳票を作る: 保存期間のルール（ID または帳票名）。本人が複数なら一式になる。
    #[arg(long)]
    pub doc_rule: Option<String>,
    /// 作る帳票の名称（既定: --content）。
    #[arg(long)]
    pub doc_name: Option<String>,
    /// 作る帳票の基準日（既定: 取得日。申告書は年分の日付、例: 令和7年1月1日）。
    #[arg(long)]
    pub doc_base_date: Option<String>,
}

#[derive(Debug, Args)]
pub struct EventAmendArgs {
    pub id: String,
    /// 訂正の理由（必須）。
    #[arg(long)]
    pub reason: Option<String>,
    #[arg(long)]
    pub kind: Option<String>,
    #[arg(long)]
    pub date: Option<String>,
    #[arg(long)]
    pub affair: Option<String>,
    #[arg(long)]
    pub person: Option<String>,
    #[arg(long)]
    pub dependent: Option<String>,
    #[arg(long)]
    pub file: Option<String>,
    #[arg(long)]
    pub clerk: Option<String>,
    #[command(flatten)]
    pub fields: EventFieldArgs,
}

/// Filters of a list or view; all that are given must hold.
#[derive(Debug, Args, Default)]
pub struct QueryArgs {
    #[command(flatten)]
    pub period: PeriodArgs,
    /// 本人の ID。
    #[arg(long)]
    pub person: Option<String>,
    /// 種別。
    #[arg(long)]
    pub kind: Option<String>,
    /// 関係事務の ID または名称。
    #[arg(long)]
    pub affair: Option<String>,
}

/// The period and the 台帳 file of a list, a view or a print-out.
#[derive(Debug, Clone, Default, Args)]
pub struct PeriodArgs {
    /// 年度（令和7年度、R7、2025）。
    #[arg(long)]
    pub fy: Option<String>,
    /// この日から（和暦・西暦）。
    #[arg(long)]
    pub from: Option<String>,
    /// この日まで。
    #[arg(long)]
    pub to: Option<String>,
    /// 特定個人情報ファイル（台帳の NO.）。
    #[arg(long)]
    pub file: Option<String>,
}

#[derive(Debug, Subcommand)]
pub enum ViewCommand {
    /// 取扱記録表（別紙1）: 関係事務・本人・扶養家族ごとに1行。
    Lifecycle(QueryArgs),
    /// 運用状況記録票（別紙1）: 記録ごとに1行、日付順。
    Chronological(QueryArgs),
}
