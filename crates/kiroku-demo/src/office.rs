//! The fixed facts of the demo office: its users, the clerks who record, the 関係事務 it
//! handles, where things go, its 構成市町村 and its departments.

/// A user of the demo vault besides the officer.
pub(super) struct DemoUser {
    pub(super) id: &'static str,
    pub(super) name: &'static str,
    pub(super) role: &'static str,
    pub(super) dept: &'static str,
    pub(super) duties: &'static str,
}

/// The clerks and the auditor (the officer is created with the vault).
pub(super) const USERS: [DemoUser; 3] = [
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
pub(super) enum Clerk {
    Sato,
    Suzuki,
}

// 関係事務 of the 事務組合 template (003 第3条), by their exact names.
pub(super) const A_GENSEN: &str = "給与所得等に係る源泉徴収票の作成等の事務（職員等）";
pub(super) const A_JUMIN: &str = "住民税に関する届出等の事務（職員等）";
pub(super) const A_SHAHO: &str = "健康保険、厚生年金保険に関する届出等の事務（職員等）";
pub(super) const A_KOMU: &str = "公務災害、労働者災害補償保険に関する請求等の事務（職員等）";
pub(super) const A_KOYO: &str = "雇用保険に関する届出等の事務（職員等）";
pub(super) const A_JIDO: &str = "児童手当に関する支給等の事務（職員等）";
pub(super) const A_SANGO: &str = "国民年金の第三号被保険者の届出等に関する事務（職員等の被扶養者）";
pub(super) const A_HOSHU: &str = "報酬等に係る支払調書の作成等の事務（理事、組合議員及び第三者）";
pub(super) const A_GENSEN_3: &str =
    "給与所得等に係る源泉徴収票の作成等の事務（理事、組合議員及び第三者）";
pub(super) const A_JUMIN_3: &str = "住民税に関する届出等の事務（理事、組合議員及び第三者）";
/// Added by the demo officer: the office also handles 雇用保険 for its contractors' staff.
pub(super) const A_ITAKU: &str = "雇用保険に関する届出等の事務（委託事業主の従業員）";
pub(super) const A_ITAKU_BASIS: &str = "委託事業主から受託した労働保険事務";

pub(super) const TAX_OFFICE: &str = "tax_office:みどり税務署";
pub(super) const PENSION_OFFICE: &str = "pension_office:みどり年金事務所";
pub(super) const HELLO_WORK: &str = "hello_work:ハローワークみどり";
pub(super) const KYOSAI: &str = "kyosai_federation:みどり県市町村職員共済組合";
pub(super) const LABOUR: &str = "labour_bureau:みどり労働基準監督署";
pub(super) const KIKIN: &str = "地方公務員災害補償基金みどり県支部";
pub(super) const E_TAX: &str = "e_filing:e-Tax";
pub(super) const E_LTAX: &str = "e_filing:eLTAX";
pub(super) const E_GOV: &str = "e_filing:e-Gov";
pub(super) const RECYCLER: &str = "株式会社みどり文書リサイクル";
pub(super) const EMPLOYERS: [&str; 2] = ["みどり環境サービス株式会社", "株式会社あおば清掃"];
/// 構成市町村 and how many of the office's people live in each (weights).
pub(super) const MUNICIPALITIES: [(&str, u32); 4] = [
    ("みどり市", 6),
    ("あおば町", 2),
    ("さくら町", 2),
    ("ひかり村", 1),
];
pub(super) const DEPTS: [&str; 10] = [
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
