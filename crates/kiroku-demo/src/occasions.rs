//! The events of each occasion: hiring, appointing those paid 報酬, contractors' staff
//! joining and leaving, and now and then a birth, a correction or a 公務災害.

use chrono::NaiveDate;
use rand::seq::SliceRandom;
use rand::Rng;

use kiroku_api::EventFields;

use super::calendar::{after, ymd};
use super::events::{
    acquire, dispose, output, record, shred_copy, submit, take_out, text, usage, Ev,
    DEPENDENT_CHECK,
};
use super::ledger::File;
use super::office::{
    Clerk, A_GENSEN, A_HOSHU, A_ITAKU, A_JIDO, A_KOMU, A_KOYO, A_SANGO, A_SHAHO, EMPLOYERS, E_GOV,
    HELLO_WORK, KIKIN, KYOSAI, LABOUR, PENSION_OFFICE,
};
use super::plan::Planner;
use super::OFFICER_ID;

impl Planner {
    /// New staff on their first day: the number, the copies, and for 会計年度任用職員 the
    /// social insurance notifications; their dependents one by one.
    pub(super) fn hire(&mut self, hires: &[usize], day: NaiveDate) {
        let (s, k) = (Clerk::Sato, Clerk::Suzuki);
        let method = self.pick(&[
            "mynumber_card:個人番号カードのコピー",
            "mynumber_card:個人番号カードのコピー",
            "resident_record:個人番号記載の住民票の写し＋運転免許証",
            "notification_card:通知カード＋運転免許証",
        ]);
        let papers = "採用時の提出書類（扶養控除等申告書）";
        self.push(day, s, A_GENSEN, hires, acquire("person", method, papers));
        self.push(
            after(day, 2),
            s,
            A_GENSEN,
            hires,
            record(File::System, "給与システムに入力"),
        );
        self.push(after(day, 7), s, A_GENSEN, hires, shred_copy());

        let temps: Vec<usize> = hires
            .iter()
            .copied()
            .filter(|&i| self.people[i].temporary)
            .collect();
        let filed = "届出の控えを編てつ";
        let shaho = "健康保険・厚生年金保険被保険者資格取得届を作成";
        self.push(after(day, 1), k, A_SHAHO, &temps, usage(shaho));
        self.push(
            after(day, 1),
            k,
            A_SHAHO,
            &temps,
            record(File::Shaho, filed),
        );
        let ev = submit(PENSION_OFFICE, E_GOV, "被保険者資格取得届");
        self.push(after(day, 3), k, A_SHAHO, &temps, ev);
        self.push(
            after(day, 2),
            k,
            A_KOYO,
            &temps,
            usage("雇用保険被保険者資格取得届を作成"),
        );
        self.push(after(day, 2), k, A_KOYO, &temps, record(File::Koyo, filed));
        let ev = submit(HELLO_WORK, E_GOV, "被保険者資格取得届");
        self.push(after(day, 6), k, A_KOYO, &temps, ev);

        for &p in hires {
            self.dependents_acquired(p, day, true);
            if self.people[p].children() > 0 && !self.people[p].temporary {
                let ev = acquire(
                    "person",
                    "mynumber_card:個人番号カードの提示",
                    "児童手当 認定請求書",
                );
                self.push(after(day, 3), s, A_JIDO, &[p], ev);
                self.push(
                    after(day, 5),
                    s,
                    A_JIDO,
                    &[p],
                    usage("児童手当の認定請求を審査"),
                );
                self.push(
                    after(day, 5),
                    s,
                    A_JIDO,
                    &[p],
                    record(File::Jido, "認定請求書を編てつ"),
                );
            }
        }
    }

    /// Each initial dependent of `p`: acquired with the 申告書, entered into the system; a
    /// new hire's spouse who is a 第3号被保険者 is also notified.
    pub(super) fn dependents_acquired(&mut self, p: usize, day: NaiveDate, new_hire: bool) {
        let deps: Vec<(usize, bool)> = self.people[p]
            .dependents
            .iter()
            .enumerate()
            .filter(|(_, d)| d.initial)
            .map(|(i, d)| (i, d.third_insured))
            .collect();
        let (to, via) = if self.people[p].temporary {
            (PENSION_OFFICE, E_GOV)
        } else {
            (KYOSAI, "registered_mail")
        };
        let form = "国民年金第3号被保険者関係届";
        for (d, third) in deps {
            let ev = acquire(
                "person",
                DEPENDENT_CHECK,
                "扶養控除等（異動）申告書に記載の扶養親族",
            );
            self.push_dependent(day, A_GENSEN, p, d, ev);
            let ev = record(File::System, "給与システムに入力");
            self.push_dependent(after(day, 4), A_GENSEN, p, d, ev);
            if third && new_hire {
                let ev = acquire("agent", "agent:職員を代理人として確認", form);
                self.push_dependent(after(day, 2), A_SANGO, p, d, ev);
                self.push_dependent(after(day, 3), A_SANGO, p, d, usage(format!("{form}を作成")));
                let ev = record(File::Sango, "届出の控えを編てつ");
                self.push_dependent(after(day, 3), A_SANGO, p, d, ev);
                self.push_dependent(after(day, 5), A_SANGO, p, d, submit(to, via, form));
            }
        }
    }

    /// Directors, councillors or lecturers who start receiving 報酬: their numbers by post
    /// (now and then someone declines, and the refusal is recorded).
    pub(super) fn appoint(&mut self, people: &[usize], day: NaiveDate) {
        let k = Clerk::Suzuki;
        let mut given = Vec::new();
        for &p in people {
            if self.rng.gen_bool(0.05) {
                let ev = Ev::new(
                    "refusal",
                    EventFields {
                        content: text("報酬の支払調書作成のための個人番号の提供"),
                        answer: text(
                            "提供を断られた。利用目的を説明したが応じられなかったため、経緯を記録し番号欄を空欄として提出する",
                        ),
                        ..EventFields::default()
                    },
                );
                self.push(after(day, 5), k, A_HOSHU, &[p], ev);
            } else {
                given.push(p);
            }
        }
        let method = self.pick(&[
            "mynumber_card:個人番号カードの写し（郵送）",
            "resident_record:住民票の写し＋運転免許証の写し（郵送）",
        ]);
        let ev = acquire("person", method, "報酬の支払に係る個人番号の届出");
        self.push(after(day, 7), k, A_HOSHU, &given, ev);
        let ev = record(File::Hoshu, "支払調書作成用の名簿に記載");
        self.push(after(day, 9), k, A_HOSHU, &given, ev);
        let ev = dispose("shred", "本人確認書類の写し", None);
        self.push(after(day, 14), k, A_HOSHU, &given, ev);
    }

    pub(super) fn employer_staff_join(&mut self, p: usize, day: NaiveDate) {
        let k = Clerk::Suzuki;
        let employer = self.people[p].employer.unwrap_or(EMPLOYERS[0]);
        let source = format!("employer:{employer}");
        let ev = acquire(
            &source,
            "employer_verified",
            "雇用保険被保険者資格取得届の作成依頼",
        );
        self.push(day, k, A_ITAKU, &[p], ev);
        let ev = record(File::Itaku, "届出書類の控えを編てつ");
        self.push(after(day, 1), k, A_ITAKU, &[p], ev);
        let ev = usage("雇用保険被保険者資格取得届を作成");
        self.push(after(day, 2), k, A_ITAKU, &[p], ev);
        let ev = submit(HELLO_WORK, E_GOV, "被保険者資格取得届");
        self.push(after(day, 3), k, A_ITAKU, &[p], ev);
    }

    pub(super) fn employer_staff_leave(&mut self, p: usize, on: NaiveDate) {
        let k = Clerk::Suzuki;
        self.leave(p, on);
        let ev = usage("雇用保険被保険者資格喪失届を作成");
        self.push(after(on, 3), k, A_ITAKU, &[p], ev);
        let ev = submit(HELLO_WORK, E_GOV, "被保険者資格喪失届");
        self.push(after(on, 5), k, A_ITAKU, &[p], ev);
    }

    /// Births, corrections and 公務災害: now and then.
    pub(super) fn occasional(&mut self, fy: i32) {
        let (s, k) = (Clerk::Sato, Clerk::Suzuki);
        let staff = self.staff_active(ymd(fy, 6, 1));
        for p in staff.iter().copied() {
            let has_spouse = self.people[p]
                .dependents
                .iter()
                .any(|d| d.relation == "配偶者");
            if has_spouse && self.people[p].children() < 3 && self.rng.gen_bool(0.03) {
                let d = self.add_child(p, false);
                let day = self.some_day(fy, 6, 12);
                let what = "給与所得者の扶養控除等（異動）申告書（扶養親族の異動）";
                self.push_dependent(
                    day,
                    A_GENSEN,
                    p,
                    d,
                    acquire("person", DEPENDENT_CHECK, what),
                );
                let ev = record(File::System, "給与システムに入力");
                self.push_dependent(after(day, 3), A_GENSEN, p, d, ev);
                if !self.people[p].temporary {
                    let method = "mynumber_card:個人番号カードの提示";
                    let ev = acquire("person", method, "児童手当 額改定請求書");
                    self.push(day, s, A_JIDO, &[p], ev);
                    self.push(
                        after(day, 2),
                        s,
                        A_JIDO,
                        &[p],
                        usage("児童手当の額改定を審査"),
                    );
                    let ev = record(File::Jido, "額改定請求書を編てつ");
                    self.push(after(day, 2), s, A_JIDO, &[p], ev);
                }
            }
        }
        if self.rng.gen_bool(0.5) {
            if let Some(&p) = staff.choose(&mut self.rng) {
                let (content, reason) = *[
                    (
                        "給与システムに登録された住所の訂正",
                        "本人から転居の届出があったため",
                    ),
                    ("扶養親族の氏名の訂正", "申告書からの転記誤り"),
                    ("扶養親族の生年月日の訂正", "本人からの申出"),
                ]
                .choose(&mut self.rng)
                .unwrap_or(&("住所の訂正", "本人からの申出"));
                let day = self.some_day(fy, 6, 10);
                let ev = Ev::new(
                    "correct",
                    EventFields {
                        content: text(content),
                        correction_reason: text(reason),
                        requester: text(self.people[p].name.clone()),
                        officer: text(OFFICER_ID),
                        ..EventFields::default()
                    },
                );
                self.push(day, s, A_GENSEN, &[p], ev.in_file(File::System));
            }
        }
        if self.rng.gen_bool(0.3) {
            if let Some(&p) = staff.choose(&mut self.rng) {
                let day = self.some_day(fy, 7, 10);
                if self.people[p].temporary {
                    let form = "療養補償給付たる療養の給付請求書";
                    self.push(day, k, A_KOMU, &[p], usage(format!("{form}を作成")));
                    let ev = submit(LABOUR, "registered_mail", form);
                    self.push(after(day, 1), k, A_KOMU, &[p], ev);
                } else {
                    let form = "公務災害認定請求書";
                    self.push(day, k, A_KOMU, &[p], usage(format!("{form}を作成")));
                    self.push(after(day, 2), k, A_KOMU, &[p], output(form));
                    let ev = take_out(KIKIN, "公務災害認定請求書の提出");
                    self.push(after(day, 3), k, A_KOMU, &[p], ev);
                    let ev = submit(&format!("other:{KIKIN}"), "sealed_hand_carry", form);
                    self.push(after(day, 3), k, A_KOMU, &[p], ev);
                }
            }
        }
    }
}
