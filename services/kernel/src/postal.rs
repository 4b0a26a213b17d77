//! Belgian postal codes and the provinces and regions they belong to: what a team's
//! jurisdiction is written in (`--region brussels`, `--province antwerpen`), and the region
//! exports aggregate by.
//!
//! Belgian postal codes are four digits allocated by province in contiguous blocks (bpost's
//! allocation; Brussels-Capital is 1000-1299), so a province is a short list of ranges.

/// A province (or Brussels-Capital), with the ranges of its postal codes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Province {
    /// The short code exports and the `region` column use (`BRU`, `ANT`, ...).
    pub code: &'static str,
    /// Names accepted on the command line and in the API, lower case, the first the one
    /// shown: Dutch, French, German and English spellings.
    pub names: &'static [&'static str],
    pub region: Region,
    pub ranges: &'static [(u16, u16)],
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Region {
    Brussels,
    Flanders,
    Wallonia,
}

impl Region {
    pub const ALL: [Region; 3] = [Region::Brussels, Region::Flanders, Region::Wallonia];

    /// Names accepted for the region, lower case, the first the one shown.
    pub fn names(self) -> &'static [&'static str] {
        match self {
            Region::Brussels => &["brussels", "bruxelles", "brussel", "brüssel"],
            Region::Flanders => &["flanders", "vlaanderen", "flandre", "flandern"],
            Region::Wallonia => &["wallonia", "wallonie", "wallonië", "wallonien"],
        }
    }
}

pub const PROVINCES: [Province; 11] = [
    Province {
        code: "BRU",
        names: &[
            "brussels-capital",
            "bruxelles-capitale",
            "brussel-hoofdstad",
        ],
        region: Region::Brussels,
        ranges: &[(1000, 1299)],
    },
    Province {
        code: "WBR",
        names: &["brabant-wallon", "waals-brabant", "walloon-brabant"],
        region: Region::Wallonia,
        ranges: &[(1300, 1499)],
    },
    Province {
        code: "VBR",
        names: &["vlaams-brabant", "brabant-flamand", "flemish-brabant"],
        region: Region::Flanders,
        ranges: &[(1500, 1999), (3000, 3499)],
    },
    Province {
        code: "ANT",
        names: &["antwerpen", "anvers", "antwerp"],
        region: Region::Flanders,
        ranges: &[(2000, 2999)],
    },
    Province {
        code: "LIM",
        names: &["limburg", "limbourg"],
        region: Region::Flanders,
        ranges: &[(3500, 3999)],
    },
    Province {
        code: "LIE",
        names: &["liege", "liège", "luik", "lüttich"],
        region: Region::Wallonia,
        ranges: &[(4000, 4999)],
    },
    Province {
        code: "NAM",
        names: &["namur", "namen"],
        region: Region::Wallonia,
        ranges: &[(5000, 5999)],
    },
    Province {
        code: "HAI",
        names: &["hainaut", "henegouwen", "hennegau"],
        region: Region::Wallonia,
        ranges: &[(6000, 6599), (7000, 7999)],
    },
    Province {
        code: "LUX",
        names: &["luxembourg", "luxemburg"],
        region: Region::Wallonia,
        ranges: &[(6600, 6999)],
    },
    Province {
        code: "WVL",
        names: &["west-vlaanderen", "flandre-occidentale", "west-flanders"],
        region: Region::Flanders,
        ranges: &[(8000, 8999)],
    },
    Province {
        code: "OVL",
        names: &["oost-vlaanderen", "flandre-orientale", "east-flanders"],
        region: Region::Flanders,
        ranges: &[(9000, 9999)],
    },
];

/// The number of a four-digit postal code.
pub fn number(postal_code: &str) -> Option<u16> {
    let code = postal_code.trim();
    if code.len() != 4 || !code.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    code.parse().ok()
}

/// The province of a postal code.
pub fn province(postal_code: &str) -> Option<&'static Province> {
    let n = number(postal_code)?;
    PROVINCES
        .iter()
        .find(|p| p.ranges.iter().any(|(a, b)| (*a..=*b).contains(&n)))
}

/// The postal ranges a region or province name stands for (case-insensitive, in any of the
/// country's languages or English); `None` for a name it does not know.
pub fn ranges_of(name: &str) -> Option<Vec<(u16, u16)>> {
    let name = name.trim().to_lowercase().replace([' ', '_'], "-");
    if let Some(region) = Region::ALL
        .into_iter()
        .find(|r| r.names().contains(&name.as_str()))
    {
        return Some(
            PROVINCES
                .iter()
                .filter(|p| p.region == region)
                .flat_map(|p| p.ranges.iter().copied())
                .collect(),
        );
    }
    PROVINCES
        .iter()
        .find(|p| p.names.contains(&name.as_str()) || p.code.eq_ignore_ascii_case(&name))
        .map(|p| p.ranges.to_vec())
}

/// Every name `ranges_of` accepts, for error messages.
pub fn known_names() -> Vec<&'static str> {
    Region::ALL
        .iter()
        .map(|r| r.names()[0])
        .chain(PROVINCES.iter().map(|p| p.names[0]))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_code_has_one_province() {
        for n in 1000u16..=9999 {
            let found = PROVINCES
                .iter()
                .filter(|p| p.ranges.iter().any(|(a, b)| (*a..=*b).contains(&n)))
                .count();
            assert_eq!(found, 1, "{n}");
        }
    }

    #[test]
    fn names_and_regions() {
        assert_eq!(province("1000").map(|p| p.code), Some("BRU"));
        assert_eq!(province("3001").map(|p| p.code), Some("VBR"));
        assert_eq!(province("9000").map(|p| p.code), Some("OVL"));
        assert_eq!(province("999"), None);
        assert_eq!(ranges_of("Brussels"), Some(vec![(1000, 1299)]));
        assert_eq!(ranges_of("anvers"), Some(vec![(2000, 2999)]));
        assert_eq!(ranges_of("Liège"), Some(vec![(4000, 4999)]));
        let flanders = ranges_of("vlaanderen").unwrap_or_default();
        assert!(flanders.contains(&(3000, 3499)) && flanders.contains(&(8000, 8999)));
        assert!(!flanders.contains(&(1000, 1299)));
        assert_eq!(ranges_of("atlantis"), None);
    }
}
