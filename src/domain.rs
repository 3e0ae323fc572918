//! The vocabulary of the official forms: the four channels, the five treatments, the 28 monthly
//! indicators of Приложение № 1 and the 7 targets of Приложение № 2.
//!
//! This is the one place that knows the indicators' order, official wording and formulas: the
//! templates, the charts, the open data and the tests all read these tables. No public federal
//! methodology defines the target formulas; they are read off the structure of the forms (see
//! DOMAIN.md), so they live here as data that an official methodology can replace.

use serde::Serialize;

/// A way an appeal reaches the responsible recipients.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Channel {
    Appeals,
    Pos,
    Digital,
    Hotline,
}

impl Channel {
    pub const ALL: [Channel; 4] = [
        Channel::Appeals,
        Channel::Pos,
        Channel::Digital,
        Channel::Hotline,
    ];

    /// The key in a report's `channels` mapping.
    pub fn key(self) -> &'static str {
        match self {
            Channel::Appeals => "appeals",
            Channel::Pos => "pos",
            Channel::Digital => "digital",
            Channel::Hotline => "hotline",
        }
    }

    /// A short Russian name for tables and charts.
    pub fn name_ru(self) -> &'static str {
        match self {
            Channel::Appeals => "Обращения по 59-ФЗ",
            Channel::Pos => "Платформа обратной связи (ПОС)",
            Channel::Digital => "Цифровые системы обратной связи",
            Channel::Hotline => "Горячие линии",
        }
    }

    /// A very short Russian name for chart axes.
    pub fn label_ru(self) -> &'static str {
        match self {
            Channel::Appeals => "59-ФЗ",
            Channel::Pos => "ПОС",
            Channel::Digital => "Цифровые СОС",
            Channel::Hotline => "Горячие линии",
        }
    }

    pub fn index(self) -> usize {
        self as usize
    }
}

/// What a channel's count says about the appeals: received, or received and treated some way.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Treatment {
    FastTrack,
    AutoDelivery,
    Roadmap,
    InfoSystems,
    AutoControl,
}

impl Treatment {
    pub const ALL: [Treatment; 5] = [
        Treatment::FastTrack,
        Treatment::AutoDelivery,
        Treatment::Roadmap,
        Treatment::InfoSystems,
        Treatment::AutoControl,
    ];

    /// The key inside a channel's mapping.
    pub fn key(self) -> &'static str {
        match self {
            Treatment::FastTrack => "fast_track",
            Treatment::AutoDelivery => "auto_delivery",
            Treatment::Roadmap => "roadmap",
            Treatment::InfoSystems => "info_systems",
            Treatment::AutoControl => "auto_control",
        }
    }

    pub fn index(self) -> usize {
        self as usize
    }
}

/// Where the value of an indicator comes from.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Source {
    /// A channel's count of appeals given that treatment.
    Treated(Treatment, Channel),
    /// A channel's total of appeals received.
    Received(Channel),
    /// `recipients.informing` (indicator 9).
    RecipientsInforming,
    /// `recipients.total` (indicator 10).
    RecipientsTotal,
    /// Decisions adopted via ПОС in the month, counted from `data/decisions/` (indicator 11).
    DecisionsAdopted,
    /// Of those, the ones with an informing post by the end of the month (indicator 12).
    DecisionsInformed,
}

/// Whether a year-to-date value sums the months or takes the latest.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Kind {
    /// Counts of events in the month: year to date is the sum.
    Flow,
    /// Counts at the reporting date: year to date is the latest value.
    Stock,
}

/// One row of Приложение № 1.
#[derive(Debug, Clone, Copy)]
pub struct IndicatorDef {
    /// The row number on the official form, 1..=28.
    pub number: u8,
    /// The identifier used in URLs and open data.
    pub id: &'static str,
    /// The official wording of the form.
    pub name: &'static str,
    /// A short Russian name for charts and links.
    pub short: &'static str,
    pub kind: Kind,
    pub source: Source,
}

impl IndicatorDef {
    /// The indicator's place among a month's 28 values (its number − 1).
    pub fn index(&self) -> usize {
        usize::from(self.number) - 1
    }

    /// The indicator numbered `number` on the form (1..=28).
    pub fn by_number(number: u8) -> Option<&'static IndicatorDef> {
        INDICATORS.iter().find(|d| d.number == number)
    }

    /// The indicator whose value comes from `source`: each source feeds exactly one row.
    pub fn by_source(source: Source) -> Option<&'static IndicatorDef> {
        INDICATORS.iter().find(|d| d.source == source)
    }
}

macro_rules! treated {
    ($n:expr, $id:expr, $name:expr, $short:expr, $t:ident, $c:ident) => {
        IndicatorDef {
            number: $n,
            id: $id,
            name: $name,
            short: $short,
            kind: Kind::Flow,
            source: Source::Treated(Treatment::$t, Channel::$c),
        }
    };
}

/// The 28 indicators of the monthly form, in the official order and wording (Приложение № 1
/// к Положению, Чердаклинский район).
pub static INDICATORS: [IndicatorDef; 28] = [
    treated!(
        1,
        "fast_track_appeals",
        "Количество обращений и сообщений по социально-значимым тематикам, поступивших ответственным получателям в порядке, установленном 59-ФЗ, и обработанных по фаст-треку",
        "Фаст-трек: обращения по 59-ФЗ",
        FastTrack,
        Appeals
    ),
    treated!(
        2,
        "fast_track_pos",
        "Количество обращений и сообщений по социально-значимым тематикам, поступивших ответственным получателям через ПОС и обработанных по фаст-треку",
        "Фаст-трек: ПОС",
        FastTrack,
        Pos
    ),
    treated!(
        3,
        "fast_track_digital",
        "Количество обращений и сообщений по социально-значимым тематикам, поступивших через цифровые СОС и обработанных по фаст-треку",
        "Фаст-трек: цифровые СОС",
        FastTrack,
        Digital
    ),
    treated!(
        4,
        "fast_track_hotline",
        "Количество обращений и сообщений по социально-значимым тематикам, поступивших ответственным получателям через горячие линии и обработанных по фаст-треку",
        "Фаст-трек: горячие линии",
        FastTrack,
        Hotline
    ),
    treated!(
        5,
        "auto_delivery_appeals",
        "Количество обращений и сообщений по социально-значимым тематикам, поступивших ответственным получателям в порядке, установленном 59-ФЗ, и обработанных с использованием системы автоматизированной доставки проблемы до конечного исполнителя",
        "Автодоставка: обращения по 59-ФЗ",
        AutoDelivery,
        Appeals
    ),
    treated!(
        6,
        "auto_delivery_pos",
        "Количество обращений и сообщений по социально-значимым тематикам, поступивших ответственным получателям через ПОС и обработанных с использованием системы автоматизированной доставки проблемы до конечного исполнителя",
        "Автодоставка: ПОС",
        AutoDelivery,
        Pos
    ),
    treated!(
        7,
        "auto_delivery_digital",
        "Количество обращений и сообщений по социально-значимым тематикам, поступивших ответственным получателям через цифровые СОС и обработанных с использованием системы автоматизированной доставки проблемы до конечного исполнителя",
        "Автодоставка: цифровые СОС",
        AutoDelivery,
        Digital
    ),
    treated!(
        8,
        "auto_delivery_hotline",
        "Количество обращений и сообщений по социально-значимым тематикам, поступивших ответственным получателям через горячие линии и обработанных с использованием системы автоматизированной доставки проблемы до конечного исполнителя",
        "Автодоставка: горячие линии",
        AutoDelivery,
        Hotline
    ),
    IndicatorDef {
        number: 9,
        id: "recipients_informing",
        name: "Количество ответственных получателей, обеспечивающих интерактивное взаимодействие с гражданами и организациями для решения актуальных вопросов посредством информирования в социальных сетях",
        short: "Получатели, информирующие в соцсетях",
        kind: Kind::Stock,
        source: Source::RecipientsInforming,
    },
    IndicatorDef {
        number: 10,
        id: "recipients_total",
        name: "Общее количество ответственных получателей муниципального образования",
        short: "Ответственные получатели, всего",
        kind: Kind::Stock,
        source: Source::RecipientsTotal,
    },
    IndicatorDef {
        number: 11,
        id: "decisions_adopted",
        name: "Общее количество решений, принятых с участием жителей муниципального образования через ПОС",
        short: "Решения, принятые через ПОС",
        kind: Kind::Flow,
        source: Source::DecisionsAdopted,
    },
    IndicatorDef {
        number: 12,
        id: "decisions_informed",
        name: "Общее количество решений, принятых с участием жителей муниципального образования через ПОС, по которым обеспечено информирование в социальных сетях",
        short: "Решения через ПОС с информированием в соцсетях",
        kind: Kind::Flow,
        source: Source::DecisionsInformed,
    },
    treated!(
        13,
        "roadmap_appeals",
        "Количество обращений и сообщений по социально-значимым тематикам, поступивших ответственным получателям в порядке, установленном 59-ФЗ, по которым реализованы мероприятия «дорожных карт» по устранению причин таких обращений и сообщений",
        "Дорожные карты: обращения по 59-ФЗ",
        Roadmap,
        Appeals
    ),
    treated!(
        14,
        "roadmap_pos",
        "Количество обращений и сообщений по социально-значимым тематикам, поступивших ответственным получателям через ПОС, по которым реализованы мероприятия «дорожных карт» по устранению причин таких обращений и сообщений",
        "Дорожные карты: ПОС",
        Roadmap,
        Pos
    ),
    treated!(
        15,
        "roadmap_digital",
        "Количество обращений и сообщений по социально-значимым тематикам, поступивших ответственным получателям, поступивших через цифровые СОС, по которым реализованы мероприятия «дорожных карт» по устранению причин таких обращений и сообщений",
        "Дорожные карты: цифровые СОС",
        Roadmap,
        Digital
    ),
    treated!(
        16,
        "roadmap_hotline",
        "Количество обращений и сообщений по социально-значимым тематикам, поступивших ответственным получателям через горячие линии, по которым реализованы мероприятия «дорожных карт» по устранению причин таких обращений и сообщений",
        "Дорожные карты: горячие линии",
        Roadmap,
        Hotline
    ),
    treated!(
        17,
        "info_systems_appeals",
        "Количество обращений и сообщений по социально-значимым тематикам, поступивших ответственным получателям в порядке, установленном 59-ФЗ, обработанных в отраслевых блоках МЦУР с использованием федеральных, региональных и муниципальных государственных и (или) ведомственных информационных систем и (или) специального программного обеспечения",
        "ГИС/ВИС/СПО: обращения по 59-ФЗ",
        InfoSystems,
        Appeals
    ),
    treated!(
        18,
        "info_systems_pos",
        "Количество обращений и сообщений по социально-значимым тематикам, поступивших ответственным получателям через ПОС, обработанных в отраслевых блоках МЦУР с использованием федеральных, региональных и муниципальных государственных и (или) ведомственных информационных систем и (или) специального программного обеспечения",
        "ГИС/ВИС/СПО: ПОС",
        InfoSystems,
        Pos
    ),
    treated!(
        19,
        "info_systems_digital",
        "Количество обращений и сообщений по социально-значимым тематикам, поступивших ответственным получателям, поступивших через цифровые СОС, обработанных в отраслевых блоках МЦУР с использованием федеральных, региональных и муниципальных государственных и (или) ведомственных информационных систем и (или) специального программного обеспечения",
        "ГИС/ВИС/СПО: цифровые СОС",
        InfoSystems,
        Digital
    ),
    treated!(
        20,
        "info_systems_hotline",
        "Количество обращений и сообщений по социально-значимым тематикам, поступивших ответственным получателям через горячие линии, обработанных в отраслевых блоках МЦУР с использованием федеральных, региональных и муниципальных государственных и (или) ведомственных информационных систем и (или) специального программного обеспечения",
        "ГИС/ВИС/СПО: горячие линии",
        InfoSystems,
        Hotline
    ),
    treated!(
        21,
        "auto_control_appeals",
        "Количество обращений и сообщений по социально-значимым тематикам, поступивших ответственным получателям в порядке, установленном 59-ФЗ, при обработке которых использовались автоматизированные механизмы контроля решения проблемы, в том числе с использованием Глобальной навигационной спутниковой системы «ГЛОНАСС» и фотовидеофиксации",
        "Автоконтроль: обращения по 59-ФЗ",
        AutoControl,
        Appeals
    ),
    treated!(
        22,
        "auto_control_pos",
        "Количество обращений и сообщений по социально-значимым тематикам, поступивших ответственным получателям через ПОС, при обработке которых использовались автоматизированные механизмы контроля решения проблемы, в том числе с использованием Глобальной навигационной спутниковой системы «ГЛОНАСС» и фотовидеофиксации",
        "Автоконтроль: ПОС",
        AutoControl,
        Pos
    ),
    treated!(
        23,
        "auto_control_digital",
        "Количество обращений и сообщений по социально-значимым тематикам, поступивших ответственным получателям, поступивших через цифровые СОС, при обработке которых использовались автоматизированные механизмы контроля решения проблемы, в том числе с использованием Глобальной навигационной спутниковой системы «ГЛОНАСС» и фотовидеофиксации",
        "Автоконтроль: цифровые СОС",
        AutoControl,
        Digital
    ),
    treated!(
        24,
        "auto_control_hotline",
        "Количество обращений и сообщений по социально-значимым тематикам, поступивших ответственным получателям через горячие линии при обработке которых использовались автоматизированные механизмы контроля решения проблемы, в том числе с использованием Глобальной навигационной спутниковой системы «ГЛОНАСС» и фотовидеофиксации.",
        "Автоконтроль: горячие линии",
        AutoControl,
        Hotline
    ),
    IndicatorDef {
        number: 25,
        id: "received_appeals",
        name: "Общее количество обращений и сообщений по социально-значимым тематикам поступивших ответственным получателям в порядке, установленном 59-ФЗ",
        short: "Поступило: обращения по 59-ФЗ",
        kind: Kind::Flow,
        source: Source::Received(Channel::Appeals),
    },
    IndicatorDef {
        number: 26,
        id: "received_pos",
        name: "Общее количество обращений и сообщений по социально-значимым тематикам поступивших ответственным получателям через ПОС",
        short: "Поступило: ПОС",
        kind: Kind::Flow,
        source: Source::Received(Channel::Pos),
    },
    IndicatorDef {
        number: 27,
        id: "received_digital",
        name: "Общее количество обращений и сообщений по социально-значимым тематикам поступивших ответственным получателям через цифровые СОС",
        short: "Поступило: цифровые СОС",
        kind: Kind::Flow,
        source: Source::Received(Channel::Digital),
    },
    IndicatorDef {
        number: 28,
        id: "received_hotline",
        name: "Общее количество обращений и сообщений по социально-значимым тематикам, поступивших ответственным получателям через горячие линии",
        short: "Поступило: горячие линии",
        kind: Kind::Flow,
        source: Source::Received(Channel::Hotline),
    },
];

/// The identifier of one of the 7 targets.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum TargetId {
    FastTrack,
    AutoDelivery,
    SocialRecipients,
    PosDecisionsInformed,
    Roadmap,
    InfoSystems,
    AutoControl,
}

/// One row of Приложение № 2: a share, in percent, of sums of indicators.
#[derive(Debug, Clone, Copy)]
pub struct TargetDef {
    pub number: u8,
    pub id: TargetId,
    pub key: &'static str,
    /// The official wording of Приложение № 2.
    pub name: &'static str,
    pub short: &'static str,
    /// Indicator numbers summed in the numerator.
    pub numerator: &'static [u8],
    /// Indicator numbers summed in the denominator.
    pub denominator: &'static [u8],
}

const RECEIVED: &[u8] = &[25, 26, 27, 28];

/// The 7 targets, in the official order and wording, with their formulas over the 28 indicators.
pub static TARGETS: [TargetDef; 7] = [
    TargetDef {
        number: 1,
        id: TargetId::FastTrack,
        key: "fast_track",
        name: "Доля обращений и сообщений, поступивших ответственным получателям и обработанных с использованием механизма ускоренного решения (фаст-трек)",
        short: "Доля обработанных по фаст-треку",
        numerator: &[1, 2, 3, 4],
        denominator: RECEIVED,
    },
    TargetDef {
        number: 2,
        id: TargetId::AutoDelivery,
        key: "auto_delivery",
        name: "Доля обращений и сообщений, поступивших ответственным получателям и обработанных с использованием системы автоматизированной доставки проблемы до конечного исполнителя",
        short: "Доля с автоматизированной доставкой до исполнителя",
        numerator: &[5, 6, 7, 8],
        denominator: RECEIVED,
    },
    TargetDef {
        number: 3,
        id: TargetId::SocialRecipients,
        key: "social_recipients",
        name: "Доля ответственных получателей, обеспечивших интерактивное взаимодействие с гражданами и организациями для решения актуальных задач посредством информирования в социальных сетях",
        short: "Доля получателей, информирующих в соцсетях",
        numerator: &[9],
        denominator: &[10],
    },
    TargetDef {
        number: 4,
        id: TargetId::PosDecisionsInformed,
        key: "pos_decisions_informed",
        name: "Доля решений, принятых с участием жителей муниципального образования через платформу обратной связи, по которым обеспечено информирование об их реализации через социальные сети",
        short: "Доля решений через ПОС с информированием в соцсетях",
        numerator: &[12],
        denominator: &[11],
    },
    TargetDef {
        number: 5,
        id: TargetId::Roadmap,
        key: "roadmap",
        name: "Доля обращений и сообщений, поступивших ответственным получателям, по которым реализованы мероприятия «дорожных карт» по устранению причин таких обращений и сообщений",
        short: "Доля обращений с мероприятиями дорожных карт",
        numerator: &[13, 14, 15, 16],
        denominator: RECEIVED,
    },
    TargetDef {
        number: 6,
        id: TargetId::InfoSystems,
        key: "info_systems",
        name: "Доля обращений и сообщений, поступивших ответственным получателям и обработанных в отраслевых блоках МЦУР с использованием федеральных, региональных и муниципальных государственных и (или) ведомственных информационных систем и (или) специального программного обеспечения",
        short: "Доля обработанных в ГИС/ВИС/СПО",
        numerator: &[17, 18, 19, 20],
        denominator: RECEIVED,
    },
    TargetDef {
        number: 7,
        id: TargetId::AutoControl,
        key: "auto_control",
        name: "Доля обращений и сообщений, поступивших ответственным получателям, при обработке которых использовались автоматизированные механизмы контроля решения проблемы, в том числе с использованием Глобальной навигационной спутниковой системы «ГЛОНАСС» и фотовидеофиксации",
        short: "Доля с автоматизированным контролем решения",
        numerator: &[21, 22, 23, 24],
        denominator: RECEIVED,
    },
];

impl TargetId {
    /// The target with this key in `targets.yaml`.
    pub fn from_key(key: &str) -> Option<TargetId> {
        TARGETS.iter().find(|t| t.key == key).map(|t| t.id)
    }

    pub fn def(self) -> &'static TargetDef {
        &TARGETS[self as usize]
    }
}

/// The keys of the 7 targets, for suggestions.
pub fn target_keys() -> Vec<&'static str> {
    TARGETS.iter().map(|t| t.key).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn indicators_are_numbered_in_official_order() {
        for (i, def) in INDICATORS.iter().enumerate() {
            assert_eq!(usize::from(def.number), i + 1, "{}", def.id);
        }
        let mut ids: Vec<_> = INDICATORS.iter().map(|d| d.id).collect();
        ids.extend(TARGETS.iter().map(|t| t.key));
        let n = ids.len();
        ids.sort_unstable();
        ids.dedup();
        assert_eq!(ids.len(), n, "indicator and target ids are unique");
    }

    #[test]
    fn every_channel_has_each_treatment_and_a_total_in_the_form() {
        for c in Channel::ALL {
            for t in Treatment::ALL {
                assert_eq!(
                    INDICATORS
                        .iter()
                        .filter(|d| d.source == Source::Treated(t, c))
                        .count(),
                    1
                );
            }
            assert_eq!(
                INDICATORS
                    .iter()
                    .filter(|d| d.source == Source::Received(c))
                    .count(),
                1
            );
        }
    }

    #[test]
    fn every_named_source_finds_its_row() {
        for source in [
            Source::RecipientsInforming,
            Source::RecipientsTotal,
            Source::DecisionsAdopted,
            Source::DecisionsInformed,
        ] {
            assert_eq!(INDICATORS.iter().filter(|d| d.source == source).count(), 1);
        }
        assert_eq!(
            IndicatorDef::by_source(Source::DecisionsAdopted).map(|d| d.number),
            Some(11)
        );
        assert_eq!(
            IndicatorDef::by_source(Source::DecisionsInformed).map(|d| d.number),
            Some(12)
        );
        for def in &INDICATORS {
            assert_eq!(
                IndicatorDef::by_number(def.number).map(|d| d.id),
                Some(def.id)
            );
            assert_eq!(INDICATORS[def.index()].id, def.id);
        }
        assert!(IndicatorDef::by_number(0).is_none());
        assert!(IndicatorDef::by_number(29).is_none());
    }

    #[test]
    fn targets_are_listed_in_the_order_of_their_ids() {
        for (i, t) in TARGETS.iter().enumerate() {
            assert_eq!(t.id as usize, i);
            assert_eq!(usize::from(t.number), i + 1);
            assert_eq!(TargetId::from_key(t.key), Some(t.id));
        }
    }
}
