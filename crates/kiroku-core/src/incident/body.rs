//! 組織の種別: which rules of the two laws apply to the office (DOMAIN §9).

use std::fmt;
use std::str::FromStr;

use crate::affair_templates::OfficeTemplate;

/// The kind of body, a vault setting chosen from the office type at init.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum BodyKind {
    /// A 一部事務組合・広域連合: 行政機関等 under APPI, 関係事務実施者 under 番号法.
    Jimukumiai,
    /// B 労働保険事務組合: 個人情報取扱事業者, and the 委託先 of each 委託事業主.
    Roudouhoken,
    /// C 共済組合: 個人情報取扱事業者 and 利用事務実施者.
    Kyosai,
}

impl BodyKind {
    pub const ALL: [Self; 3] = [Self::Jimukumiai, Self::Roudouhoken, Self::Kyosai];

    pub fn as_str(self) -> &'static str {
        match self {
            Self::Jimukumiai => "jimukumiai",
            Self::Roudouhoken => "roudouhoken",
            Self::Kyosai => "kyosai",
        }
    }

    /// The letter DOMAIN §9 uses (A, B, C).
    pub fn letter(self) -> char {
        match self {
            Self::Jimukumiai => 'A',
            Self::Roudouhoken => 'B',
            Self::Kyosai => 'C',
        }
    }

    pub fn label(self) -> &'static str {
        match self {
            Self::Jimukumiai => "一部事務組合・広域連合",
            Self::Roudouhoken => "労働保険事務組合",
            Self::Kyosai => "共済組合",
        }
    }

    /// The APPI's word for the body.
    pub fn appi_role(self) -> &'static str {
        match self {
            Self::Jimukumiai => "行政機関等",
            Self::Roudouhoken | Self::Kyosai => "個人情報取扱事業者",
        }
    }

    /// Under APPI, more than this many persons makes a 漏えい等 reportable.
    pub fn appi_threshold(self) -> u32 {
        match self {
            Self::Jimukumiai => 100,
            Self::Roudouhoken | Self::Kyosai => 1000,
        }
    }

    /// The body kind an office template implies (the default at init and for vaults made
    /// before the setting existed).
    pub fn from_template(template: OfficeTemplate) -> Self {
        match template {
            OfficeTemplate::Jimukumiai => Self::Jimukumiai,
            OfficeTemplate::Roudouhoken => Self::Roudouhoken,
            OfficeTemplate::Kyosai => Self::Kyosai,
        }
    }
}

impl fmt::Display for BodyKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.label())
    }
}

impl FromStr for BodyKind {
    type Err = String;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        match s.trim() {
            "jimukumiai" | "A" | "a" | "一部事務組合・広域連合" | "一部事務組合" | "広域連合" => {
                Ok(Self::Jimukumiai)
            }
            "roudouhoken" | "B" | "b" | "労働保険事務組合" => Ok(Self::Roudouhoken),
            "kyosai" | "C" | "c" | "共済組合" => Ok(Self::Kyosai),
            other => Err(format!(
                "組織の種別「{other}」は選べません。一部事務組合・広域連合、労働保険事務組合、共済組合のどれかを選んでください。"
            )),
        }
    }
}
