//! The filters of a list, a view or a print-out (`event list`, `view …`, `print …`): their
//! options and the API's `EventQuery` made of them.

use clap::Args;
use kiroku_api::EventQuery;

use crate::input::number;
use crate::output::Failure;

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

/// The query of a print-out or an export: its period and 台帳 file only.
pub fn period_query(period: &PeriodArgs) -> Result<EventQuery, Failure> {
    query(&QueryArgs {
        period: period.clone(),
        ..QueryArgs::default()
    })
}

pub fn query(args: &QueryArgs) -> Result<EventQuery, Failure> {
    let period = &args.period;
    Ok(EventQuery {
        fy: period.fy.clone(),
        from: period.from.clone(),
        to: period.to.clone(),
        person: args
            .person
            .as_deref()
            .map(|p| number("本人", p))
            .transpose()?,
        affair: args.affair.clone(),
        kind: args.kind.clone(),
        file: period
            .file
            .as_deref()
            .map(|f| number("特定個人情報ファイル", f))
            .transpose()?,
    })
}
