//! `kiroku affair …` and `kiroku person …`.

use kiroku_api::{AffairView, NewDependent, NewPerson, PersonView};

use crate::args::{AffairCommand, Cli, DependentCommand, PersonCommand};
use crate::commands::with_session;
use crate::output::{emit, notice_undrawable, table, Failure};

fn affair_rows(affairs: &[AffairView]) -> String {
    let rows: Vec<Vec<String>> = affairs
        .iter()
        .map(|a| {
            vec![
                a.id.to_string(),
                a.name.clone(),
                a.basis.clone().unwrap_or_default(),
            ]
        })
        .collect();
    table(&["ID", "関係事務", "根拠"], &rows)
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
        &["ID", "氏名", "区分", "所属・事業主", "扶養家族", "退職日"],
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

pub fn affair(cli: &Cli, cmd: &AffairCommand) -> Result<(), Failure> {
    match cmd {
        AffairCommand::List => {
            let affairs = with_session(cli, |s| Ok(s.list_affairs()?))?;
            emit(cli.json, &affairs, |a| affair_rows(a));
        }
        AffairCommand::Add { name, basis } => {
            let affair = with_session(cli, |s| Ok(s.add_affair(name, basis.as_deref())?))?;
            emit(cli.json, &affair, |a| {
                format!("関係事務を追加しました: {}（ID {}）", a.name, a.id)
            });
        }
    }
    Ok(())
}

pub fn person(cli: &Cli, cmd: &PersonCommand) -> Result<(), Failure> {
    let person = match cmd {
        PersonCommand::Add {
            kind,
            name,
            dept,
            employer,
        } => {
            let new = NewPerson {
                kind: kind.clone(),
                name: name.clone(),
                dept: dept.clone(),
                employer: employer.clone(),
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
