//! `kiroku-bench`: measured figures for the issue notes (never timed assertions in tests), and
//! the writer that the kill-at-any-moment test kills (`append`). A development tool, not part of
//! the product: the `kiroku` binary has no `bench` command, and only this crate turns on
//! `kiroku-api`'s `bench` feature (bulk appends on a scratch vault).
//!
//! It logs in as `kiroku` does (the same code: `kiroku_cli`'s library half): `--vault` or `KIROKU_VAULT`, `--user` or `KIROKU_USER` (else the
//! first officer), the password from `KIROKU_PASSWORD` or a hidden prompt.

mod measure;
mod sheets;

use clap::{Parser, Subcommand};
use kiroku_api::Env;
use std::path::PathBuf;
use std::process::ExitCode;

use kiroku_cli::global::Global;
use kiroku_cli::output::{self, Failure};
use kiroku_cli::session::{self, with_session};

#[derive(Debug, Parser)]
#[command(
    name = "kiroku-bench",
    version,
    about = "Kiroku の性能の測定（開発・検証用）",
    long_about = None
)]
pub struct Cli {
    #[command(flatten)]
    pub global: Global,
    #[command(subcommand)]
    pub command: BenchCommand,
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
    /// 書き出しの測定: ログインして一覧（既定: 運用状況記録票の全件）を書き出し、時間と最大メモリを測る。
    Export {
        #[arg(default_value = "chronological")]
        list: String,
        /// xlsx | csv | csv-sjis
        #[arg(long, default_value = "xlsx")]
        format: String,
        #[arg(long)]
        out: PathBuf,
    },
    /// 取り込みの測定: 職員名簿（既定 1万行）の xlsx を作り、新しい記録ファイルに確認と取り込みをして、時間と最大メモリを測る。
    ImportStaff {
        #[arg(long, default_value_t = 10_000)]
        rows: usize,
        #[arg(long)]
        dir: Option<PathBuf>,
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

fn main() -> ExitCode {
    let cli = Cli::parse();
    match run(&cli.global, &cli.command) {
        Ok(()) => ExitCode::SUCCESS,
        Err(failure) => {
            output::report_failure(&failure, cli.global.json);
            ExitCode::from(failure.exit_code())
        }
    }
}

fn run(cli: &Global, cmd: &BenchCommand) -> Result<(), Failure> {
    match cmd {
        BenchCommand::Foundation { rows, dir } => {
            measure::foundation(cli.json, *rows, dir.as_deref())
        }
        BenchCommand::Log {
            events,
            persons,
            dir,
        } => measure::log(cli.json, *events, *persons, dir.as_deref()),
        BenchCommand::Retention {
            documents,
            years,
            dir,
        } => measure::retention(cli.json, *documents, *years, dir.as_deref()),
        BenchCommand::Print { form, runs, out } => {
            with_session(cli, |s| measure::print(cli.json, s, form, *runs, out))
        }
        BenchCommand::Export { list, format, out } => {
            with_session(cli, |s| sheets::export(cli.json, s, list, format, out))
        }
        BenchCommand::ImportStaff { rows, dir } => {
            sheets::import_staff(cli.json, *rows, dir.as_deref())
        }
        BenchCommand::Open { runs } => {
            let env = Env::system();
            measure::open(cli.json, *runs, || session::login(cli, &env))
        }
        BenchCommand::Append { rows, per_tx } => {
            with_session(cli, |s| measure::append(s, *rows, *per_tx))
        }
    }
}
