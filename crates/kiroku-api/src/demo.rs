//! `kiroku demo`: a generated vault of a plausible office — users, staff with their
//! dependents, directors and councillors, a 台帳 and several years of handling events —
//! for the README's run command and for benchmarks.
//!
//! Everything goes through the public API (`init`, `login`, `Session::…`), exactly as a user
//! would record it. The content is derived from the seed and the clock's day only: the same
//! seed on the same day gives the same records (the vault ID, the recovery code and the key
//! material are random as always).
//!
//! How it is made: a *plan* (people, and dated steps each recording one event for one person
//! or for many in one batch) is drawn first, in memory, for the fewest fiscal years that hold
//! the requested number of events (never before 平成28年度, the first year 個人番号 were
//! in use). If even those years are too few, a 消防団 is added whose members' 報酬 make
//! more events. The plan is then replayed in date order until exactly that many events are
//! recorded; the last batch is cut short where the count is reached.

use chrono::{Datelike, Duration, FixedOffset, NaiveDate, Offset, Weekday};
use kiroku_core::affair_templates::OfficeTemplate;
use kiroku_core::fiscal_year::FiscalYear;
use kiroku_core::wareki;
use rand::rngs::StdRng;
use rand::seq::SliceRandom;
use rand::{Rng, SeedableRng};
use serde::Serialize;
use std::collections::{BTreeMap, HashSet};
use std::path::PathBuf;
use zeroize::Zeroizing;

use crate::log_views::{EventFields, NewEvent, NewLedgerEntry};
use crate::views::{NewDependent, NewPerson, NewUser};
use crate::{ApiError, Env, InitRequest, Session};

/// What to generate.
#[derive(Debug, Clone)]
pub struct DemoRequest {
    /// The new vault (must not exist).
    pub vault: PathBuf,
    /// The password of every demo user.
    pub password: Zeroizing<String>,
    pub seed: u64,
    /// How many handling events to record in all.
    pub events: u64,
    /// How many staff (職員) the office employs at any time.
    pub persons: u32,
}

/// What was generated.
#[derive(Debug, Clone, Serialize)]
pub struct DemoReport {
    pub vault: String,
    pub org_name: String,
    /// The officer's login ID.
    pub officer: String,
    /// Every user's login ID, the officer first.
    pub users: Vec<String>,
    /// 本人 registered (staff, directors, councillors, …, those who left included).
    pub persons: u64,
    pub dependents: u64,
    pub ledger_entries: u64,
    pub events: u64,
    pub recovery_code: String,
    /// The day of the earliest and of the latest event (today when there are none).
    pub first_day: NaiveDate,
    pub last_day: NaiveDate,
}

/// The demo office's name.
pub const ORG_NAME: &str = "みどり広域事務組合";
/// The demo officer's login ID.
pub const OFFICER_ID: &str = "jimukyokucho";
const OFFICER_NAME: &str = "大塚 正道";
/// 平成28年度: the first fiscal year in which 個人番号 were in use (from January 2016).
const FIRST_FISCAL_YEAR: i32 = 2016;

struct DemoUser {
    id: &'static str,
    name: &'static str,
    role: &'static str,
    dept: &'static str,
    duties: &'static str,
}

const USERS: [DemoUser; 3] = [
    DemoUser {
        id: "sato",
        name: "佐藤 美咲",
        role: "clerk",
        dept: "総務課",
        duties: "給与、年末調整、住民税、消防団員報酬",
    },
    DemoUser {
        id: "suzuki",
        name: "鈴木 健一",
        role: "clerk",
        dept: "総務課",
        duties: "社会保険、雇用保険、公務災害、報酬の支払調書",
    },
    DemoUser {
        id: "kansa",
        name: "木村 和夫",
        role: "auditor",
        dept: "監査委員",
        duties: "特定個人情報の取扱状況の監査",
    },
];

/// The clerk who records an event (each logs in with their own session).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Clerk {
    Sato,
    Suzuki,
}

// 関係事務 of the 事務組合 template (003 第3条), by their exact names.
const A_GENSEN: &str = "給与所得等に係る源泉徴収票の作成等の事務（職員等）";
const A_JUMIN: &str = "住民税に関する届出等の事務（職員等）";
const A_SHAHO: &str = "健康保険、厚生年金保険に関する届出等の事務（職員等）";
const A_KOMU: &str = "公務災害、労働者災害補償保険に関する請求等の事務（職員等）";
const A_KOYO: &str = "雇用保険に関する届出等の事務（職員等）";
const A_JIDO: &str = "児童手当に関する支給等の事務（職員等）";
const A_SANGO: &str = "国民年金の第三号被保険者の届出等に関する事務（職員等の被扶養者）";
const A_HOSHU: &str = "報酬等に係る支払調書の作成等の事務（理事、組合議員及び第三者）";
const A_GENSEN_3: &str = "給与所得等に係る源泉徴収票の作成等の事務（理事、組合議員及び第三者）";
const A_JUMIN_3: &str = "住民税に関する届出等の事務（理事、組合議員及び第三者）";
/// Added by the demo officer: the office also handles 雇用保険 for its contractors' staff.
const A_ITAKU: &str = "雇用保険に関する届出等の事務（委託事業主の従業員）";
const A_ITAKU_BASIS: &str = "委託事業主から受託した労働保険事務";

const TAX_OFFICE: &str = "tax_office:みどり税務署";
const PENSION_OFFICE: &str = "pension_office:みどり年金事務所";
const HELLO_WORK: &str = "hello_work:ハローワークみどり";
const KYOSAI: &str = "kyosai_federation:みどり県市町村職員共済組合";
const LABOUR: &str = "labour_bureau:みどり労働基準監督署";
const KIKIN: &str = "地方公務員災害補償基金みどり県支部";
const E_TAX: &str = "e_filing:e-Tax";
const E_LTAX: &str = "e_filing:eLTAX";
const E_GOV: &str = "e_filing:e-Gov";
const RECYCLER: &str = "株式会社みどり文書リサイクル";
const EMPLOYERS: [&str; 2] = ["みどり環境サービス株式会社", "株式会社あおば清掃"];
/// 構成市町村 and how many of the office's people live in each (weights).
const MUNICIPALITIES: [(&str, u32); 4] = [
    ("みどり市", 6),
    ("あおば町", 2),
    ("さくら町", 2),
    ("ひかり村", 1),
];
const DEPTS: [&str; 10] = [
    "総務課",
    "施設課",
    "環境センター",
    "環境センター",
    "消防本部 総務課",
    "消防本部 警防課",
    "中央消防署",
    "中央消防署",
    "北消防署",
    "南出張所",
];
const FAMILY: &str = "\
     佐藤 鈴木 高橋 田中 伊藤 渡辺 山本 中村 小林 加藤 吉田 山田 \
     佐々木 山口 松本 井上 木村 林 斎藤 清水 山崎 森 池田 橋本 阿部 \
     石川 山下 中島 石井 小川 前田 岡田 長谷川 藤田 後藤 近藤 村上 \
     遠藤 青木 坂本 福田 太田 西村 藤井 金子 岡本 藤原 中野 三浦 原田 \
     中川 松田 竹内 小野 田村 和田 石田 森田 上田 柴田";
const MALE: &str = "\
     翔太 大輔 健太 拓也 直樹 和也 達也 誠 浩二 哲也 隆 剛 修 博之 \
     健一 裕太 亮 大樹 雄一 智也 陽介 悠斗 蓮 湊 大和 悠真 陽翔 樹 \
     颯太 蒼 正樹 秀樹 俊介 康弘 英明 光太郎 慎也 涼 航 優斗";
const FEMALE: &str = "\
     美咲 陽子 恵子 裕子 由美 真由美 明美 久美子 智子 直美 さくら 彩 \
     愛 結衣 陽菜 美月 葵 凛 結菜 莉子 芽依 紗希 奈々 千尋 麻衣 香織 \
     沙織 舞 瞳 涼子 花子 優子 純子 幸子 京子 理恵 友美 綾香 楓 杏";

/// The 特定個人情報ファイル of the demo 台帳.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum File {
    Gensen,
    Fuyo,
    System,
    Jumin,
    Koyo,
    Shaho,
    Hoshu,
    Sango,
    Jido,
    Itaku,
    /// Only when the office has a 消防団.
    Dan,
}

impl File {
    const ALL: [File; 11] = [
        File::Gensen,
        File::Fuyo,
        File::System,
        File::Jumin,
        File::Koyo,
        File::Shaho,
        File::Hoshu,
        File::Sango,
        File::Jido,
        File::Itaku,
        File::Dan,
    ];

    fn entry(self) -> NewLedgerEntry {
        let e = |name: &str,
                 scope: &str,
                 handlers: &[&str],
                 purpose: &str,
                 retention: &str,
                 disposal: &str,
                 location: &str,
                 electronic: bool| NewLedgerEntry {
            name: name.into(),
            scope: scope.into(),
            dept: "総務課".into(),
            owner: OFFICER_ID.into(),
            handlers: handlers.iter().map(|h| (*h).to_owned()).collect(),
            purpose: purpose.into(),
            retention: retention.into(),
            disposal: disposal.into(),
            location: location.into(),
            electronic,
        };
        const CABINET: &str = "総務課キャビネット（施錠可）";
        match self {
            File::Gensen => e(
                "給与所得の源泉徴収票（控え）",
                "職員及び扶養家族の個人番号、氏名、生年月日、その他源泉徴収票記載事項",
                &["sato", "suzuki"],
                "源泉徴収票の作成及び税務署への提出、本人への交付",
                "翌年1月10日の翌日から7年",
                "shred",
                CABINET,
                false,
            ),
            File::Fuyo => e(
                "給与所得者の扶養控除等（異動）申告書",
                "職員及び扶養親族の個人番号、氏名、生年月日、住所、続柄",
                &["sato"],
                "年末調整及び源泉徴収票の作成",
                "翌年1月10日の翌日から7年",
                "dissolve:委託業者による溶解（廃棄証明書を受領）",
                "総務課書庫（施錠可）",
                false,
            ),
            File::System => e(
                "給与システム（個人番号管理機能）",
                "職員及び扶養親族の個人番号、氏名、生年月日、住所",
                &["sato", "suzuki"],
                "源泉徴収票、給与支払報告書及び社会保険等の届出書の作成",
                "退職後、最後の法定調書等の提出を終えた年度の末日まで",
                "system_delete",
                "総務課 給与システム端末（取扱区域内）",
                true,
            ),
            File::Jumin => e(
                "給与支払報告書（個人別明細書）控え",
                "職員の個人番号、氏名、住所、給与の支払金額等",
                &["sato"],
                "構成市町村への給与支払報告書の提出",
                "提出期限の翌日から5年",
                "shred",
                CABINET,
                false,
            ),
            File::Koyo => e(
                "雇用保険 被保険者資格取得届・喪失届（控え）",
                "会計年度任用職員の個人番号、氏名、生年月日",
                &["suzuki"],
                "公共職業安定所への届出",
                "完結の日から4年",
                "shred",
                CABINET,
                false,
            ),
            File::Shaho => e(
                "健康保険・厚生年金保険 被保険者資格取得届・喪失届（控え）",
                "会計年度任用職員の個人番号、氏名、生年月日、住所",
                &["suzuki"],
                "年金事務所への届出",
                "完結の日から2年",
                "shred",
                CABINET,
                false,
            ),
            File::Hoshu => e(
                "報酬、料金、契約金及び賞金の支払調書（控え）",
                "理事、組合議員及び講師等の個人番号、氏名、住所、支払金額",
                &["suzuki"],
                "支払調書の作成及び税務署への提出",
                "提出期限の翌日から7年",
                "shred",
                CABINET,
                false,
            ),
            File::Sango => e(
                "国民年金第3号被保険者関係届（控え）",
                "職員の配偶者の個人番号、氏名、生年月日",
                &["suzuki"],
                "第3号被保険者の届出",
                "完結の日から2年",
                "shred",
                CABINET,
                false,
            ),
            File::Jido => e(
                "児童手当 認定請求書・額改定請求書",
                "職員及び配偶者の個人番号、氏名、住所",
                &["sato"],
                "児童手当の認定及び支給",
                "完結の日から5年",
                "shred",
                CABINET,
                false,
            ),
            File::Itaku => e(
                "雇用保険届出書類（委託事業主の従業員）控え",
                "委託事業主の従業員の個人番号、氏名、生年月日",
                &["suzuki"],
                "委託事業主の従業員に係る雇用保険の届出",
                "完結の日から4年",
                "shred",
                CABINET,
                false,
            ),
            File::Dan => e(
                "消防団員報酬 源泉徴収票・給与支払報告書（控え）",
                "消防団員の個人番号、氏名、住所、報酬の支払金額",
                &["sato"],
                "消防団員報酬の源泉徴収票及び給与支払報告書の作成、提出",
                "翌年1月10日の翌日から7年",
                "shred",
                CABINET,
                false,
            ),
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Role {
    Staff,
    Director,
    Councillor,
    Lecturer,
    Firefighter,
    EmployerStaff,
}

impl Role {
    fn kind(self) -> &'static str {
        match self {
            Role::Staff => "staff",
            Role::Director => "director",
            Role::Councillor => "councillor",
            Role::Lecturer | Role::Firefighter => "third_party",
            Role::EmployerStaff => "employer_staff",
        }
    }
}

#[derive(Debug, Clone)]
struct PlannedDependent {
    name: String,
    relation: String,
    /// A spouse who is a 国民年金第3号被保険者.
    third_insured: bool,
    /// Registered with the person (false: born during the demo, registered at the birth).
    initial: bool,
}

#[derive(Debug, Clone)]
struct PlannedPerson {
    role: Role,
    name: String,
    family: &'static str,
    female: bool,
    dept: Option<String>,
    employer: Option<&'static str>,
    municipality: &'static str,
    /// 会計年度任用職員 (雇用保険, 健康保険・厚生年金保険).
    temporary: bool,
    from: NaiveDate,
    left: Option<NaiveDate>,
    dependents: Vec<PlannedDependent>,
}

impl PlannedPerson {
    fn active(&self, on: NaiveDate) -> bool {
        self.from <= on && self.left.is_none_or(|l| on <= l)
    }

    /// Whether they were paid in calendar year `year`.
    fn paid_in(&self, year: i32) -> bool {
        self.from.year() <= year && self.left.is_none_or(|l| l.year() >= year)
    }

    fn children(&self) -> usize {
        self.dependents
            .iter()
            .filter(|d| {
                d.relation.starts_with('長')
                    || d.relation.starts_with('次')
                    || d.relation.starts_with('三')
            })
            .count()
    }
}

/// One event as planned: its kind, the file it names and its details.
#[derive(Debug, Clone)]
struct Ev {
    kind: &'static str,
    file: Option<File>,
    fields: EventFields,
}

impl Ev {
    fn new(kind: &'static str, fields: EventFields) -> Self {
        Self {
            kind,
            file: None,
            fields,
        }
    }

    fn in_file(mut self, file: File) -> Self {
        self.file = Some(file);
        self
    }
}

fn text(s: impl Into<String>) -> Option<String> {
    Some(s.into())
}

fn with_content(kind: &'static str, content: impl Into<String>) -> Ev {
    Ev::new(
        kind,
        EventFields {
            content: text(content),
            ..EventFields::default()
        },
    )
}

fn usage(content: impl Into<String>) -> Ev {
    with_content("use", content)
}

fn output(content: &str) -> Ev {
    with_content("output", content)
}

fn record(file: File, content: &str) -> Ev {
    with_content("record", content).in_file(file)
}

fn acquire(source: &str, method: &str, content: impl Into<String>) -> Ev {
    Ev::new(
        "acquire",
        EventFields {
            source: text(source),
            method: text(method),
            content: text(content),
            ..EventFields::default()
        },
    )
}

fn submit(to: &str, via: &str, content: impl Into<String>) -> Ev {
    Ev::new(
        "submit",
        EventFields {
            to: text(to),
            via: text(via),
            content: text(content),
            ..EventFields::default()
        },
    )
}

/// 本人への交付, sealed.
fn hand_over(content: impl Into<String>) -> Ev {
    Ev::new(
        "hand_over",
        EventFields {
            sealed: Some(true),
            content: text(content),
            ..EventFields::default()
        },
    )
}

fn dispose(method: &str, content: impl Into<String>, contractor: Option<&str>) -> Ev {
    Ev::new(
        "dispose",
        EventFields {
            method: text(method),
            content: text(content),
            contractor: contractor.map(str::to_owned),
            ..EventFields::default()
        },
    )
}

/// The copy of an identity document, shredded once the number is recorded.
fn shred_copy() -> Ev {
    dispose("shred", "本人確認書類のコピー", None)
}

/// 持出し in a sealed envelope inside a locked case.
fn take_out(to: &str, content: &str) -> Ev {
    Ev::new(
        "take_out",
        EventFields {
            to: text(to),
            content: text(content),
            measures: vec!["seal".into(), "locked_case".into()],
            ..EventFields::default()
        },
    )
}

const DEPENDENT_CHECK: &str = "other:職員本人が扶養親族の本人確認を実施";

/// The same event for each of `persons` (one person when a dependent is named).
#[derive(Debug, Clone)]
struct Batch {
    date: NaiveDate,
    clerk: Clerk,
    affair: &'static str,
    persons: Vec<usize>,
    dependent: Option<usize>,
    ev: Ev,
}

#[derive(Debug, Clone)]
enum Step {
    Events(Box<Batch>),
    Leave { person: usize, on: NaiveDate },
}

impl Step {
    fn date(&self) -> NaiveDate {
        match self {
            Step::Events(b) => b.date,
            Step::Leave { on, .. } => *on,
        }
    }
}

#[derive(Debug)]
struct Plan {
    people: Vec<PlannedPerson>,
    steps: Vec<Step>,
    /// Events in `steps`.
    events: u64,
    firefighters: bool,
}

fn ymd(y: i32, m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, d).unwrap_or(NaiveDate::MIN)
}

/// The next working day (Saturdays and Sundays move to Monday).
fn workday(d: NaiveDate) -> NaiveDate {
    match d.weekday() {
        Weekday::Sat => d + Duration::days(2),
        Weekday::Sun => d + Duration::days(1),
        _ => d,
    }
}

fn after(d: NaiveDate, days: i64) -> NaiveDate {
    workday(d + Duration::days(days))
}

/// `令和7年分` for calendar year `year`.
fn year_label(year: i32) -> String {
    match wareki::era_year(ymd(year, 12, 31)) {
        Some((era, 1)) => format!("{}元年分", era.name),
        Some((era, n)) => format!("{}{n}年分", era.name),
        None => format!("{year}年分"),
    }
}

fn words(list: &'static str) -> Vec<&'static str> {
    list.split_whitespace().collect()
}

/// Draws the plan: people and dated steps.
struct Planner {
    rng: StdRng,
    today: NaiveDate,
    first_fy: i32,
    people: Vec<PlannedPerson>,
    steps: Vec<Step>,
    events: u64,
    names: HashSet<String>,
    family: Vec<&'static str>,
    male: Vec<&'static str>,
    female: Vec<&'static str>,
    /// Fiscal year of a November collection of 扶養控除等申告書 → who handed one in.
    collected: BTreeMap<i32, Vec<usize>>,
}

impl Planner {
    fn new(seed: u64, today: NaiveDate, first_fy: i32) -> Self {
        Self {
            rng: StdRng::seed_from_u64(seed),
            today,
            first_fy,
            people: Vec::new(),
            steps: Vec::new(),
            events: 0,
            names: HashSet::new(),
            family: words(FAMILY),
            male: words(MALE),
            female: words(FEMALE),
            collected: BTreeMap::new(),
        }
    }

    /// A working day between `from` and `to` of month `m`.
    fn day(&mut self, y: i32, m: u32, from: u32, to: u32) -> NaiveDate {
        workday(ymd(y, m, self.rng.gen_range(from..=to)))
    }

    /// A working day of year `y` in a month between `from` and `to`.
    fn some_day(&mut self, y: i32, from: u32, to: u32) -> NaiveDate {
        let m = self.rng.gen_range(from..=to);
        self.day(y, m, 1, 28)
    }

    fn push(
        &mut self,
        date: NaiveDate,
        clerk: Clerk,
        affair: &'static str,
        persons: &[usize],
        ev: Ev,
    ) {
        self.push_batch(Batch {
            date,
            clerk,
            affair,
            persons: persons.to_vec(),
            dependent: None,
            ev,
        });
    }

    /// An event about dependent `d` of `person` (recorded by the payroll clerk).
    fn push_dependent(
        &mut self,
        date: NaiveDate,
        affair: &'static str,
        person: usize,
        d: usize,
        ev: Ev,
    ) {
        self.push_batch(Batch {
            date,
            clerk: Clerk::Sato,
            affair,
            persons: vec![person],
            dependent: Some(d),
            ev,
        });
    }

    fn push_batch(&mut self, batch: Batch) {
        if batch.date > self.today || batch.persons.is_empty() {
            return;
        }
        self.events += batch.persons.len() as u64;
        self.steps.push(Step::Events(Box::new(batch)));
    }

    fn leave(&mut self, person: usize, on: NaiveDate) {
        if on > self.today {
            return;
        }
        self.people[person].left = Some(on);
        self.steps.push(Step::Leave { person, on });
    }

    fn who(&self, f: impl Fn(&PlannedPerson) -> bool) -> Vec<usize> {
        (0..self.people.len())
            .filter(|&i| f(&self.people[i]))
            .collect()
    }

    fn staff_active(&self, on: NaiveDate) -> Vec<usize> {
        self.who(|p| p.role == Role::Staff && p.active(on))
    }

    fn pick<'a>(&mut self, list: &[&'a str]) -> &'a str {
        list.choose(&mut self.rng).copied().unwrap_or_default()
    }

    fn municipality(&mut self) -> &'static str {
        MUNICIPALITIES
            .choose_weighted(&mut self.rng, |m| m.1)
            .map(|m| m.0)
            .unwrap_or(MUNICIPALITIES[0].0)
    }

    fn given(&mut self, female: bool) -> &'static str {
        let list = if female { &self.female } else { &self.male };
        list.choose(&mut self.rng).copied().unwrap_or_default()
    }

    /// A family name and a full name not used yet (after a few tries, a namesake).
    fn name(&mut self, female: bool) -> (&'static str, String) {
        let mut last = ("", String::new());
        for _ in 0..30 {
            let family = self
                .family
                .choose(&mut self.rng)
                .copied()
                .unwrap_or_default();
            let full = format!("{family} {}", self.given(female));
            if self.names.insert(full.clone()) {
                return (family, full);
            }
            last = (family, full);
        }
        last
    }

    fn person(&mut self, role: Role, from: NaiveDate, dept: Option<String>) -> usize {
        let female = self.rng.gen_bool(0.45);
        let (family, name) = self.name(female);
        let municipality = self.municipality();
        self.people.push(PlannedPerson {
            role,
            name,
            family,
            female,
            dept,
            employer: None,
            municipality,
            temporary: false,
            from,
            left: None,
            dependents: Vec::new(),
        });
        self.people.len() - 1
    }

    fn dependent(&mut self, person: usize, relation: String, female: bool, initial: bool) -> usize {
        let family = self.people[person].family;
        let name = format!("{family} {}", self.given(female));
        let third_insured = relation == "配偶者" && self.rng.gen_bool(0.35);
        let deps = &mut self.people[person].dependents;
        deps.push(PlannedDependent {
            name,
            relation,
            third_insured,
            initial,
        });
        deps.len() - 1
    }

    fn add_child(&mut self, person: usize, initial: bool) -> usize {
        let female = self.rng.gen_bool(0.5);
        let sex = if female { '女' } else { '男' };
        let same = self.people[person]
            .dependents
            .iter()
            .filter(|d| d.relation.ends_with(sex))
            .count();
        let order = ["長", "次", "三", "四"][same.min(3)];
        self.dependent(person, format!("{order}{sex}"), female, initial)
    }

    fn staff(&mut self, from: NaiveDate, temporary: bool) -> usize {
        let dept = self.pick(&DEPTS).to_owned();
        let i = self.person(Role::Staff, from, Some(dept));
        self.people[i].temporary = temporary;
        if self.rng.gen_bool(if temporary { 0.3 } else { 0.55 }) {
            let female = !self.people[i].female;
            self.dependent(i, "配偶者".into(), female, true);
            for _ in 0..[0, 1, 1, 2, 2, 3][self.rng.gen_range(0..6)] {
                self.add_child(i, true);
            }
        }
        if self.rng.gen_bool(0.05) {
            let female = self.rng.gen_bool(0.7);
            self.dependent(i, if female { "母" } else { "父" }.into(), female, true);
        }
        i
    }

    fn director(&mut self, from: NaiveDate, title: &str) -> usize {
        let i = self.person(Role::Director, from, None);
        let m = self.people[i].municipality;
        self.people[i].dept = Some(format!("{title}（{m}長）"));
        i
    }

    fn councillor(&mut self, from: NaiveDate) -> usize {
        let i = self.person(Role::Councillor, from, None);
        let m = self.people[i].municipality;
        self.people[i].dept = Some(format!("組合議会議員（{m}議会選出）"));
        i
    }

    fn employer_staff(&mut self, from: NaiveDate, employer: &'static str) -> usize {
        let i = self.person(
            Role::EmployerStaff,
            from,
            Some("清掃センター運転管理".into()),
        );
        self.people[i].employer = Some(employer);
        i
    }

    // ----- the events of each occasion -----

    /// New staff on their first day: the number, the copies, and for 会計年度任用職員 the
    /// social insurance notifications; their dependents one by one.
    fn hire(&mut self, hires: &[usize], day: NaiveDate) {
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
    fn dependents_acquired(&mut self, p: usize, day: NaiveDate, new_hire: bool) {
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
    fn appoint(&mut self, people: &[usize], day: NaiveDate) {
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

    fn employer_staff_join(&mut self, p: usize, day: NaiveDate) {
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

    fn employer_staff_leave(&mut self, p: usize, on: NaiveDate) {
        let k = Clerk::Suzuki;
        self.leave(p, on);
        let ev = usage("雇用保険被保険者資格喪失届を作成");
        self.push(after(on, 3), k, A_ITAKU, &[p], ev);
        let ev = submit(HELLO_WORK, E_GOV, "被保険者資格喪失届");
        self.push(after(on, 5), k, A_ITAKU, &[p], ev);
    }

    /// One fiscal year; `hires` are the vacancies (temporary or not) left at the end of the
    /// previous one. Returns this year's.
    fn fiscal_year(&mut self, fy: i32, hires: &[bool]) -> Vec<bool> {
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

    /// Births, corrections and 公務災害: now and then.
    fn occasional(&mut self, fy: i32) {
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

/// The plan for `years` fiscal years ending with today's, with `firefighters` 消防団員.
fn plan_years(seed: u64, today: NaiveDate, staff: u32, years: i32, firefighters: u32) -> Plan {
    let last_fy = FiscalYear::containing(today).0;
    let first_fy = last_fy - years + 1;
    let mut p = Planner::new(seed, today, first_fy);
    let start = ymd(first_fy, 4, 1);
    for _ in 0..staff {
        let temporary = p.rng.gen_bool(0.2);
        p.staff(start, temporary);
    }
    let directors = (2 + staff / 200).min(6);
    for i in 0..directors {
        let title = match i {
            0 => "管理者",
            1 => "副管理者",
            _ => "理事",
        };
        p.director(start, title);
    }
    for _ in 0..(6 + staff / 100).min(16) {
        p.councillor(start);
    }
    for i in 0..(2 + staff / 300).min(5) {
        p.employer_staff(start, EMPLOYERS[i as usize % 2]);
    }
    let per_group = 25;
    for i in 0..firefighters {
        let group = format!("みどり消防団 第{}分団", i / per_group + 1);
        p.person(Role::Firefighter, start, Some(group));
    }
    let mut vacancies = Vec::new();
    for fy in first_fy..=last_fy {
        vacancies = p.fiscal_year(fy, &vacancies);
    }
    p.steps.sort_by_key(Step::date);
    Plan {
        people: p.people,
        steps: p.steps,
        events: p.events,
        firefighters: firefighters > 0,
    }
}

/// The plan with the fewest years (since 平成28年度) that holds `events`; a 消防団 when even
/// all those years are too few.
fn plan(seed: u64, today: NaiveDate, staff: u32, events: u64) -> Plan {
    let last_fy = FiscalYear::containing(today).0;
    let max_years = (last_fy - FIRST_FISCAL_YEAR + 1).max(2);
    let mut best = plan_years(seed, today, staff, 1, 0);
    for years in 2..=max_years {
        if best.events >= events {
            return best;
        }
        best = plan_years(seed, today, staff, years, 0);
    }
    // Each member: joined (3 events) and about 4 a year.
    let per_member = 3 + 4 * u64::try_from(max_years).unwrap_or(1);
    let mut firefighters = 0u32;
    for _ in 0..100 {
        if best.events >= events {
            break;
        }
        let more = (events - best.events).div_ceil(per_member).max(1);
        firefighters = firefighters.saturating_add(u32::try_from(more).unwrap_or(u32::MAX));
        best = plan_years(seed, today, staff, max_years, firefighters);
    }
    best
}

/// Japan Standard Time: the office's calendar day.
fn jst() -> FixedOffset {
    match FixedOffset::east_opt(9 * 3600) {
        Some(offset) => offset,
        None => chrono::Utc.fix(),
    }
}

/// Replays a plan through two clerks' sessions, registering people when first needed.
struct Replay<'a> {
    people: &'a [PlannedPerson],
    sato: Session,
    suzuki: Session,
    person_ids: Vec<Option<i64>>,
    dependent_ids: Vec<Vec<Option<i64>>>,
    files: Vec<(File, i64)>,
    persons: u64,
    dependents: u64,
}

impl Replay<'_> {
    fn session(&mut self, clerk: Clerk) -> &mut Session {
        match clerk {
            Clerk::Sato => &mut self.sato,
            Clerk::Suzuki => &mut self.suzuki,
        }
    }

    fn person(&mut self, i: usize, clerk: Clerk) -> Result<i64, ApiError> {
        if let Some(id) = self.person_ids[i] {
            return Ok(id);
        }
        let people = self.people;
        let p = &people[i];
        let view = self.session(clerk).add_person(&NewPerson {
            kind: p.role.kind().into(),
            name: p.name.clone(),
            dept: p.dept.clone(),
            employer: p.employer.map(str::to_owned),
        })?;
        self.person_ids[i] = Some(view.id);
        self.persons += 1;
        for (d, dep) in p.dependents.iter().enumerate() {
            if dep.initial {
                self.dependent(i, d, clerk)?;
            }
        }
        Ok(view.id)
    }

    fn dependent(&mut self, i: usize, d: usize, clerk: Clerk) -> Result<i64, ApiError> {
        if let Some(id) = self.dependent_ids[i][d] {
            return Ok(id);
        }
        let person = self.person(i, clerk)?;
        let people = self.people;
        let dep = &people[i].dependents[d];
        let view = self.session(clerk).add_dependent(
            person,
            &NewDependent {
                name: dep.name.clone(),
                relation: dep.relation.clone(),
            },
        )?;
        let id = view
            .dependents
            .iter()
            .map(|x| x.id)
            .max()
            .ok_or_else(|| ApiError::NotFound(format!("扶養家族「{}」", dep.name)))?;
        self.dependent_ids[i][d] = Some(id);
        self.dependents += 1;
        Ok(id)
    }

    fn file(&self, file: File) -> Result<i64, ApiError> {
        self.files
            .iter()
            .find(|(f, _)| *f == file)
            .map(|(_, no)| *no)
            .ok_or_else(|| ApiError::NotFound(format!("デモの台帳 {file:?}")))
    }

    /// Records up to `limit` of the batch's events; returns how many.
    fn events(&mut self, b: &Batch, limit: u64) -> Result<u64, ApiError> {
        let take = usize::try_from(limit)
            .unwrap_or(usize::MAX)
            .min(b.persons.len());
        let mut persons = Vec::with_capacity(take);
        for &p in &b.persons[..take] {
            persons.push(self.person(p, b.clerk)?);
        }
        let dependent = match (b.dependent, b.persons.first()) {
            (Some(d), Some(&p)) => Some(self.dependent(p, d, b.clerk)?.to_string()),
            _ => None,
        };
        let file = b.ev.file.map(|f| self.file(f)).transpose()?;
        self.session(b.clerk).add_events(&NewEvent {
            kind: b.ev.kind.into(),
            date: b.date.to_string(),
            affair: b.affair.into(),
            persons,
            dependent,
            file,
            clerk: None,
            fields: b.ev.fields.clone(),
        })?;
        Ok(take as u64)
    }
}

/// Creates the demo vault at `req.vault`: the office, its users (officer `jimukyokucho`,
/// clerks `sato` and `suzuki`, auditor `kansa`, all with `req.password`), its 台帳, and
/// exactly `req.events` handling events over the last fiscal years up to the clock's day.
pub fn generate(env: &Env, req: &DemoRequest) -> Result<DemoReport, ApiError> {
    let today = env.clock.now().with_timezone(&jst()).date_naive();
    let plan = plan(req.seed, today, req.persons, req.events);

    let init = crate::init(
        env,
        InitRequest {
            vault: req.vault.clone(),
            org_name: ORG_NAME.into(),
            officer_id: OFFICER_ID.into(),
            officer_name: OFFICER_NAME.into(),
            officer_dept: Some("事務局".into()),
            password: req.password.clone(),
            template: OfficeTemplate::Jimukumiai,
        },
    )?;
    let mut officer = crate::login(env, &req.vault, OFFICER_ID, &req.password)?.0;
    for u in &USERS {
        officer.add_user(
            &NewUser {
                id: u.id.into(),
                name: u.name.into(),
                role: u.role.into(),
                dept: Some(u.dept.into()),
                duties: Some(u.duties.into()),
            },
            &req.password,
        )?;
    }
    officer.add_affair(A_ITAKU, Some(A_ITAKU_BASIS))?;
    let mut files = Vec::new();
    for f in File::ALL {
        if f == File::Dan && !plan.firefighters {
            continue;
        }
        files.push((f, officer.add_ledger_entry(&f.entry())?.no));
    }
    officer.logout()?;

    let mut replay = Replay {
        people: &plan.people,
        sato: crate::login(env, &req.vault, "sato", &req.password)?.0,
        suzuki: crate::login(env, &req.vault, "suzuki", &req.password)?.0,
        person_ids: vec![None; plan.people.len()],
        dependent_ids: plan
            .people
            .iter()
            .map(|p| vec![None; p.dependents.len()])
            .collect(),
        files,
        persons: 0,
        dependents: 0,
    };
    let mut done = 0u64;
    let mut days: Option<(NaiveDate, NaiveDate)> = None;
    for step in &plan.steps {
        if done >= req.events {
            break;
        }
        match step {
            Step::Leave { person, on } => {
                let id = replay.person(*person, Clerk::Sato)?;
                replay.sato.person_leave(id, &on.to_string())?;
            }
            Step::Events(b) => {
                done += replay.events(b, req.events - done)?;
                days = Some(match days {
                    None => (b.date, b.date),
                    Some((first, _)) => (first, b.date),
                });
            }
        }
    }
    let Replay {
        sato,
        suzuki,
        persons,
        dependents,
        files,
        ..
    } = replay;
    sato.logout()?;
    suzuki.logout()?;

    let (first_day, last_day) = days.unwrap_or((today, today));
    Ok(DemoReport {
        vault: init.vault,
        org_name: init.org_name,
        officer: OFFICER_ID.into(),
        users: std::iter::once(OFFICER_ID)
            .chain(USERS.iter().map(|u| u.id))
            .map(str::to_owned)
            .collect(),
        persons,
        dependents,
        ledger_entries: files.len() as u64,
        events: done,
        recovery_code: init.recovery_code,
        first_day,
        last_day,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn today() -> NaiveDate {
        ymd(2026, 4, 1)
    }

    #[test]
    fn the_plan_holds_the_events_asked_for_and_none_in_the_future() {
        for (staff, events) in [(20, 300), (60, 2000), (5, 5000), (0, 50)] {
            let plan = plan(7, today(), staff, events);
            assert!(plan.events >= events, "{staff} staff, {events} events");
            assert!(plan.steps.iter().all(|s| s.date() <= today()));
            assert!(plan.steps.windows(2).all(|w| w[0].date() <= w[1].date()));
        }
    }

    #[test]
    fn the_plan_depends_on_the_seed_only() {
        let a = plan(1, today(), 30, 1000);
        let b = plan(1, today(), 30, 1000);
        let c = plan(2, today(), 30, 1000);
        assert_eq!(format!("{:?}", a.steps), format!("{:?}", b.steps));
        assert_ne!(format!("{:?}", a.steps), format!("{:?}", c.steps));
    }

    #[test]
    fn a_long_plan_has_every_kind_of_event() {
        let plan = plan(3, today(), 60, 20_000);
        let kinds: HashSet<&str> = plan
            .steps
            .iter()
            .filter_map(|s| match s {
                Step::Events(b) => Some(b.ev.kind),
                Step::Leave { .. } => None,
            })
            .collect();
        for kind in kiroku_core::handling::EventKind::ALL {
            assert!(kinds.contains(kind.as_str()), "no {kind}");
        }
        let first = plan.steps.first().map(Step::date);
        assert!(first >= Some(ymd(FIRST_FISCAL_YEAR, 4, 1)), "{first:?}");
    }

    #[test]
    fn years_are_labelled_in_wareki() {
        assert_eq!(year_label(2019), "令和元年分");
        assert_eq!(year_label(2025), "令和7年分");
        assert_eq!(year_label(2016), "平成28年分");
    }
}
