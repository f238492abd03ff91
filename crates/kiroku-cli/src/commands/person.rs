//! `kiroku person …`: 本人 and their 扶養家族.

use clap::Subcommand;
use kiroku_api::{NewDependent, NewPerson, PersonView};

use crate::global::Global;
use crate::output::{emit, notice_undrawable, table, Failure};
use crate::session::with_session;

#[derive(Debug, Subcommand)]
pub enum PersonCommand {
    /// 本人を登録する（個人番号は入力しない）。
    Add {
        /// staff | director | councillor | third_party | employer_staff
        #[arg(long)]
        kind: String,
        #[arg(long)]
        name: String,
        /// フリガナ（ひらがなでも可）。
        #[arg(long)]
        kana: Option<String>,
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

fn person_rows(persons: &[PersonView]) -> String {
    let rows: Vec<Vec<String>> = persons
        .iter()
        .map(|p| {
            vec![
                p.id.to_string(),
                p.name.clone(),
                p.kind_label.clone(),
                p.dept
                    .clone()
                    .or_else(|| p.employer.clone())
                    .unwrap_or_default(),
                p.dependents.len().to_string(),
                p.left_on
                    .map(kiroku_core::wareki::format)
                    .unwrap_or_default(),
            ]
        })
        .collect();
    table(
        &["ID", "氏名", "種別", "所属・事業主", "扶養家族", "退職日"],
        &rows,
    )
}

fn person_detail(p: &PersonView) -> String {
    let mut text = person_rows(std::slice::from_ref(p));
    for d in &p.dependents {
        text.push_str(&format!("\n  扶養家族: {}（{}）", d.name, d.relation));
    }
    text
}

pub fn run(cli: &Global, cmd: &PersonCommand) -> Result<(), Failure> {
    let person = match cmd {
        PersonCommand::Add {
            kind,
            name,
            kana,
            dept,
            employer,
        } => {
            let new = NewPerson {
                kind: kind.clone(),
                name: name.clone(),
                dept: dept.clone(),
                employer: employer.clone(),
                kana: kana.clone(),
            };
            let person = with_session(cli, |s| Ok(s.add_person(&new)?))?;
            notice_undrawable("氏名", name);
            person
        }
        PersonCommand::List => {
            let persons = with_session(cli, |s| Ok(s.list_persons()?))?;
            emit(cli.json, &persons, |p| person_rows(p));
            return Ok(());
        }
        PersonCommand::Show { id } => with_session(cli, |s| Ok(s.person(*id)?))?,
        PersonCommand::Dependent(DependentCommand::Add { id, name, relation }) => {
            let new = NewDependent {
                name: name.clone(),
                relation: relation.clone(),
            };
            let person = with_session(cli, |s| Ok(s.add_dependent(*id, &new)?))?;
            notice_undrawable("扶養家族の氏名", name);
            person
        }
        PersonCommand::Leave { id, date } => with_session(cli, |s| Ok(s.person_leave(*id, date)?))?,
    };
    emit(cli.json, &person, person_detail);
    Ok(())
}
