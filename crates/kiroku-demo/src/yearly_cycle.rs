//! The yearly cycle: a fiscal year's occasions in their order — April hires, May
//! appointments, contractors' staff, 消防団, lecturers, the occasional events — then 年末調整
//! (November to January) and the year end in March.

use chrono::NaiveDate;
use rand::seq::SliceRandom;
use rand::Rng;
use std::collections::BTreeMap;

use kiroku_api::EventFields;

use super::calendar::{after, workday, year_label, ymd};
use super::cast::Role;
use super::events::{
    acquire, dispose, hand_over, output, record, shred_copy, submit, take_out, text, usage, Ev,
};
use super::ledger::File;
use super::office::{
    Clerk, A_GENSEN, A_GENSEN_3, A_HOSHU, A_JUMIN, A_JUMIN_3, A_KOYO, A_SHAHO, EMPLOYERS, E_GOV,
    E_LTAX, E_TAX, HELLO_WORK, MUNICIPALITIES, PENSION_OFFICE, RECYCLER, TAX_OFFICE,
};
use super::plan::Planner;
use super::OFFICER_ID;

impl Planner {
    /// One fiscal year; `hires` are the vacancies (temporary or not) left at the end of the
    /// previous one. Returns this year's.
    pub(super) fn fiscal_year(&mut self, fy: i32, hires: &[bool]) -> Vec<bool> {
        let first = fy == self.first_fy;
        let april = ymd(fy, 4, 1);
        let s = Clerk::Sato;

        // April: new staff.
        let new: Vec<usize> = hires.iter().map(|&t| self.staff(april, t)).collect();
        self.hire(&new, workday(april));

        // Directors and councillors: all in the first year, then after elections.
        let may = ymd(fy, 5, 1);
        let mut appointed = Vec::new();
        if first {
            appointed = self.who(|p| matches!(p.role, Role::Director | Role::Councillor));
        } else if (fy - self.first_fy) % 4 == 0 {
            for c in self.who(|p| p.role == Role::Councillor && p.active(april)) {
                if self.rng.gen_bool(0.5) {
                    self.leave(c, ymd(fy, 4, 30));
                    appointed.push(self.councillor(may));
                }
            }
        } else if (fy - self.first_fy) % 4 == 2 {
            for d in self.who(|p| p.role == Role::Director && p.active(april)) {
                if self.rng.gen_bool(0.35) {
                    self.leave(d, ymd(fy, 4, 30));
                    appointed.push(self.director(may, "理事"));
                }
            }
        }
        let day = self.day(fy, 5, 8, 20);
        self.appoint(&appointed, day);

        // Contractors' staff (雇用保険 on the employer's behalf).
        if first {
            for p in self.who(|p| p.role == Role::EmployerStaff) {
                let day = self.day(fy, 6, 1, 25);
                self.employer_staff_join(p, day);
            }
        } else if self.rng.gen_bool(0.4) {
            let current = self.who(|p| p.role == Role::EmployerStaff && p.active(april));
            if let Some(&p) = current.choose(&mut self.rng) {
                let employer = self.people[p].employer.unwrap_or(EMPLOYERS[0]);
                self.employer_staff_leave(p, ymd(fy, 9, 30));
                let n = self.employer_staff(ymd(fy, 10, 1), employer);
                self.employer_staff_join(n, workday(ymd(fy, 10, 1)));
            }
        }

        // 消防団 (only in large demos): each 分団 joins on its own day of the first year.
        if first {
            let mut groups: BTreeMap<String, Vec<usize>> = BTreeMap::new();
            for m in self.who(|p| p.role == Role::Firefighter) {
                let group = self.people[m].dept.clone().unwrap_or_default();
                groups.entry(group).or_default().push(m);
            }
            for group in groups.into_values() {
                let day = self.some_day(fy, 4, 6);
                let method = "mynumber_card:個人番号カードのコピー";
                let ev = acquire("person", method, "消防団員 報酬受領に関する届");
                self.push(day, s, A_GENSEN_3, &group, ev);
                let ev = record(File::Dan, "消防団員名簿（報酬支払用）に記載");
                self.push(after(day, 3), s, A_GENSEN_3, &group, ev);
                self.push(after(day, 10), s, A_GENSEN_3, &group, shred_copy());
            }
        }

        // Lecturers and committee members paid 報酬 (their numbers by post, one at a time).
        for _ in 0..self.rng.gen_range(1..=3) {
            let day = self.some_day(fy, 5, 12);
            let role = self.pick(&[
                "研修会講師",
                "公平委員会委員",
                "情報公開審査会委員",
                "廃棄物処理施設運営委員",
            ]);
            let p = self.person(Role::Lecturer, day, Some(role.into()));
            self.appoint(&[p], day);
        }

        self.occasional(fy);
        self.year_end_adjustment(fy);
        self.year_end(fy)
    }

    /// 年末調整: the 申告書 in November, the calculation in December, and in January the
    /// 源泉徴収票, the 給与支払報告書 and the 支払調書 for calendar year `fy`.
    fn year_end_adjustment(&mut self, fy: i32) {
        let (s, k) = (Clerk::Sato, Clerk::Suzuki);
        let first = fy == self.first_fy;

        let nov = self.day(fy, 11, 5, 14);
        let staff = self.staff_active(nov);
        let method = "mynumber_card:個人番号カード（雇用関係にあるため身元確認は省略）";
        let form = format!(
            "{} 給与所得者の扶養控除等（異動）申告書",
            year_label(fy + 1)
        );
        self.push(nov, s, A_GENSEN, &staff, acquire("person", method, form));
        let ev = record(File::Fuyo, "申告書つづりに編てつ");
        self.push(after(nov, 3), s, A_GENSEN, &staff, ev);
        if first {
            for &p in &staff {
                self.dependents_acquired(p, nov, false);
            }
        }
        self.collected.insert(fy, staff);

        let label = year_label(fy);
        let dec = self.day(fy, 12, 8, 18);
        let staff = self.staff_active(dec);
        self.push(
            dec,
            s,
            A_GENSEN,
            &staff,
            usage(format!("{label} 年末調整の計算")),
        );

        let j1 = self.day(fy + 1, 1, 12, 16);
        let j2 = self.day(fy + 1, 1, 19, 22);
        let j3 = self.day(fy + 1, 1, 26, 29);
        let paid = self.who(|p| p.role == Role::Staff && p.paid_in(fy));
        let ev = usage(format!("{label} 給与所得の源泉徴収票を作成"));
        self.push(j1, s, A_GENSEN, &paid, ev);
        self.push(j1, s, A_GENSEN, &paid, output("源泉徴収票（税務署提出用）"));
        let present = self.staff_active(j2);
        let ev = hand_over(format!("{label} 源泉徴収票（本人交付用）"));
        self.push(j2, s, A_GENSEN, &present, ev);
        let ev = usage(format!("{label} 給与支払報告書（個人別明細書）を作成"));
        self.push(j2, s, A_JUMIN, &paid, ev);
        let ev = submit(TAX_OFFICE, E_TAX, format!("{label} 給与所得の源泉徴収票"));
        self.push(j3, s, A_GENSEN, &paid, ev);
        let ev = dispose("shred", "確認用に出力した源泉徴収票", None);
        self.push(j3, s, A_GENSEN, &paid, ev);
        self.submit_by_municipality(j3, A_JUMIN, &paid, &format!("{label} 給与支払報告書"));

        let payees = self.who(|p| {
            matches!(p.role, Role::Director | Role::Councillor | Role::Lecturer) && p.paid_in(fy)
        });
        let ev = usage(format!(
            "{label} 報酬、料金、契約金及び賞金の支払調書を作成"
        ));
        self.push(j1, k, A_HOSHU, &payees, ev);
        self.push(j1, k, A_HOSHU, &payees, output("支払調書（税務署提出用）"));
        let ev = take_out("みどり税務署", "法定調書（支払調書）の提出");
        self.push(j3, k, A_HOSHU, &payees, ev);
        let ev = submit(TAX_OFFICE, "sealed_hand_carry", format!("{label} 支払調書"));
        self.push(j3, k, A_HOSHU, &payees, ev);

        let members = self.who(|p| p.role == Role::Firefighter && p.paid_in(fy));
        let ev = usage(format!("{label} 消防団員報酬の源泉徴収票を作成"));
        self.push(j1, s, A_GENSEN_3, &members, ev);
        let ev = hand_over(format!("{label} 源泉徴収票（本人交付用）"));
        self.push(j2, s, A_GENSEN_3, &members, ev);
        let ev = usage(format!("{label} 給与支払報告書（個人別明細書）を作成"));
        self.push(j2, s, A_JUMIN_3, &members, ev);
        self.submit_by_municipality(j3, A_JUMIN_3, &members, &format!("{label} 給与支払報告書"));
    }

    fn submit_by_municipality(
        &mut self,
        day: NaiveDate,
        affair: &'static str,
        people: &[usize],
        what: &str,
    ) {
        for (m, _) in MUNICIPALITIES {
            let group: Vec<usize> = people
                .iter()
                .copied()
                .filter(|&p| self.people[p].municipality == m)
                .collect();
            let ev = submit(&format!("municipality:{m}"), E_LTAX, what);
            self.push(day, Clerk::Sato, affair, &group, ev);
        }
    }

    /// March: old 申告書 dissolved by the contractor, leavers' numbers deleted from the
    /// system, and who leaves on 31 March (their slips in April). Returns the vacancies.
    fn year_end(&mut self, fy: i32) -> Vec<bool> {
        let (s, k) = (Clerk::Sato, Clerk::Suzuki);
        let march = self.day(fy + 1, 3, 9, 18);

        // 申告書 for year fy−7 (collected in November of fy−8): kept until 10 January fy+1.
        if let Some(forms) = self.collected.get(&(fy - 8)).cloned() {
            let what = format!(
                "{} 給与所得者の扶養控除等（異動）申告書",
                year_label(fy - 7)
            );
            let ev = dispose("dissolve", what.clone(), Some(RECYCLER)).in_file(File::Fuyo);
            self.push(march, s, A_GENSEN, &forms, ev);
            let ev = Ev::new(
                "certificate",
                EventFields {
                    contractor: text(RECYCLER),
                    certificate_no: text(format!("第{}号", self.rng.gen_range(100..1000))),
                    content: text(what),
                    ..EventFields::default()
                },
            );
            self.push(
                after(march, 14),
                s,
                A_GENSEN,
                &forms,
                ev.in_file(File::Fuyo),
            );
        }

        // Those who left a year ago: their last slips are in, so their numbers go.
        let gone = self.who(|p| p.role == Role::Staff && p.left == Some(ymd(fy, 3, 31)));
        let witness = self.pick(&[OFFICER_ID, "suzuki"]);
        let ev = Ev::new(
            "delete",
            EventFields {
                method: text("system_delete"),
                content: text("退職者の個人番号（給与システム）"),
                witness: text(witness),
                ..EventFields::default()
            },
        );
        self.push(march, s, A_GENSEN, &gone, ev.in_file(File::System));

        // Who leaves on 31 March.
        let on = ymd(fy + 1, 3, 31);
        let mut vacancies = Vec::new();
        let mut leavers = Vec::new();
        for p in self.staff_active(on) {
            let temporary = self.people[p].temporary;
            if self.rng.gen_bool(if temporary { 0.15 } else { 0.04 }) {
                self.leave(p, on);
                vacancies.push(temporary);
                leavers.push(p);
            }
        }
        if on > self.today {
            return vacancies;
        }
        let temps: Vec<usize> = leavers
            .iter()
            .copied()
            .filter(|&p| self.people[p].temporary)
            .collect();
        let a = self.day(fy + 1, 4, 1, 3);
        let ev = usage("健康保険・厚生年金保険被保険者資格喪失届を作成");
        self.push(a, k, A_SHAHO, &temps, ev);
        let ev = submit(PENSION_OFFICE, E_GOV, "被保険者資格喪失届");
        self.push(after(a, 1), k, A_SHAHO, &temps, ev);
        let ev = usage("雇用保険被保険者資格喪失届・離職証明書を作成");
        self.push(after(a, 2), k, A_KOYO, &temps, ev);
        let ev = submit(HELLO_WORK, E_GOV, "被保険者資格喪失届");
        self.push(after(a, 4), k, A_KOYO, &temps, ev);
        let b = self.day(fy + 1, 4, 6, 12);
        let ev = usage("退職者の給与所得の源泉徴収票を作成");
        self.push(b, s, A_GENSEN, &leavers, ev);
        let ev = hand_over("退職者の源泉徴収票（本人交付用、簡易書留で郵送）");
        self.push(after(b, 2), s, A_GENSEN, &leavers, ev);
        vacancies
    }
}
