//! The grammar of `kiroku contractor …` and `kiroku eval …`.

use clap::{Args, Subcommand};

#[derive(Debug, Subcommand)]
pub enum ContractorCommand {
    /// 委託先（--parent を付けると再委託先）を登録する。
    Add(ContractorAddArgs),
    /// 委託先の一覧（無効化したものを含む）。
    List,
    /// 委託先の詳細と契約条項のチェックリスト。
    Show { id: String },
    /// 委託先の情報を変更する（プライバシーマークの更新、業務責任者の交代、漏えい事故の有無など）。空の値 "" で消す。
    Update(ContractorUpdateArgs),
    /// 契約条項。
    #[command(subcommand)]
    Clause(ClauseCommand),
    /// 委託先を無効化する（事務取扱責任者のみ。記録は残る）。
    Disable { id: String },
    /// 再評価・プライバシーマーク期限・改善の確認・廃棄証明書待ちなど、期限が近いもの。
    Due {
        /// 何日先までを表示するか。
        #[arg(long, default_value_t = 60)]
        within: u32,
    },
}

#[derive(Debug, Args)]
pub struct ContractorAddArgs {
    /// 委託先名称。
    #[arg(long)]
    pub name: String,
    /// 委託パターン: I（取扱いの委託） | II（クラウド事業者） | III（IDC・ISP・倉庫会社など） | IV（警備会社・清掃会社など）
    #[arg(long)]
    pub pattern: String,
    #[command(flatten)]
    pub details: ContractorDetailsArgs,
    /// 再委託元の委託先（ID または名称）。
    #[arg(long)]
    pub parent: Option<String>,
    /// 再委託の許諾日。
    #[arg(long)]
    pub approved: Option<String>,
    /// 扱う特定個人情報ファイル（台帳の NO.、カンマ区切り）。
    #[arg(long, value_delimiter = ',')]
    pub files: Vec<String>,
}

#[derive(Debug, Args)]
pub struct ContractorUpdateArgs {
    pub id: String,
    /// 委託先名称。
    #[arg(long)]
    pub name: Option<String>,
    #[command(flatten)]
    pub details: ContractorDetailsArgs,
}

/// A contractor's details, the same when adding and when updating (an empty text clears one).
#[derive(Debug, Args)]
pub struct ContractorDetailsArgs {
    /// 委託先の部門名。
    #[arg(long)]
    pub dept: Option<String>,
    /// 委託先の業務責任者。
    #[arg(long)]
    pub manager: Option<String>,
    /// 業務委託内容。
    #[arg(long)]
    pub work: Option<String>,
    /// 預託個人情報。
    #[arg(long)]
    pub data: Option<String>,
    /// プライバシーマーク登録番号。
    #[arg(long)]
    pub pmark: Option<String>,
    /// プライバシーマーク有効期限。
    #[arg(long)]
    pub pmark_expiry: Option<String>,
    /// 過去2年間の漏えい事故: yes | no
    #[arg(long = "leak-2y")]
    pub leak_2y: Option<String>,
}

#[derive(Debug, Subcommand)]
pub enum ClauseCommand {
    /// 契約条項を契約書で確認したことを記録する（CLAUSE は contractor show の ID、例: 002-4-1）。
    Set {
        id: String,
        clause: String,
        /// 契約書の名称。
        #[arg(long)]
        contract: String,
        /// 契約日。
        #[arg(long)]
        date: String,
    },
}

#[derive(Debug, Subcommand)]
pub enum EvalCommand {
    /// 委託先評価シート（別紙3）を新しく作る。
    New {
        #[arg(long)]
        contractor: String,
        /// 再評価（指定しなければ新規）。
        #[arg(long)]
        re: bool,
        /// 作成年月日（既定: 今日）。
        #[arg(long)]
        date: Option<String>,
    },
    /// 判定を入力する: 項目=判定（A, B, C, —）をカンマ区切りで。B には --improve 項目=改善措置等。
    Set {
        id: String,
        /// 例: 1=A,2=A,3=B
        #[arg(value_delimiter = ',')]
        judgments: Vec<String>,
        /// 例: --improve 3=手順書を今年度中に整備
        #[arg(long)]
        improve: Vec<String>,
    },
    /// 評価を確定する（事務取扱責任者のみ。未判定の項目があると確定できない）。
    Finalize { id: String },
    /// 評価シートの内容、判定、理由、未入力の項目。
    Show { id: String },
    /// 委託先の評価の一覧。
    List {
        #[arg(long)]
        contractor: String,
    },
    /// B（改善が必要）の項目の改善が実施されたことを記録する。
    Confirm {
        id: String,
        item: String,
        /// 確認日（既定: 今日）。
        #[arg(long)]
        date: Option<String>,
    },
}
