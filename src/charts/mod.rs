//! Charts for the report pages: bar and line charts as self-contained `<svg>` elements.
//!
//! The site is static and must work without JavaScript, on a 360 px phone and with a screen
//! reader, so each chart is an inline SVG that scales with its `viewBox`, is named by its
//! `<title>` and described in words by its `<desc>`. plotters' SVG backend draws the shapes;
//! the layout is done here, with every label measured in the embedded PT Sans (the font the
//! site serves as a web font), so that no label overflows or collides whatever fonts the
//! reader or the build machine has. The output is deterministic: the same report rebuilds to
//! the same bytes.

mod bar;
mod card;
mod font;
mod line;
mod scale;
mod svg;

pub use card::{CARD_SIZE, Card, card_png};

use plotters::style::RGBColor;
use plotters::style::text_anchor::{HPos, VPos};

/// One bar: its category, its value and the value as printed at the end of the bar.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Bar {
    pub label: String,
    pub value: f64,
    pub value_label: String,
}

/// A bar chart of one series over categories.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct BarChart {
    /// Unique within a page, `[a-z0-9-]`: prefix of the element ids.
    pub id: String,
    /// Short: goes into `<title>`.
    pub title: String,
    /// One or two sentences in words with the numbers: goes into `<desc>`.
    pub desc: String,
    pub bars: Vec<Bar>,
    /// Horizontal bars (for long labels such as theme names) rather than vertical.
    pub horizontal: bool,
    /// `""` for counts, `"%"` for shares: added to the axis tick labels.
    pub y_suffix: String,
}

/// One line of a line chart; `None` is a month without data (a gap in the line).
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Series {
    pub name: String,
    pub values: Vec<Option<f64>>,
}

/// A line chart of one to four series over months, with an optional plan.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct LineChart {
    /// Unique within a page, `[a-z0-9-]`: prefix of the element ids.
    pub id: String,
    /// Short: goes into `<title>`.
    pub title: String,
    /// One or two sentences in words with the numbers: goes into `<desc>`.
    pub desc: String,
    /// One per point, already formatted, e.g. «янв 2024».
    pub x_labels: Vec<String>,
    /// One to four series, as long as `x_labels`.
    pub series: Vec<Series>,
    /// The plan, one value per point (a step per year): a dashed line labelled «план».
    pub plan: Option<Vec<Option<f64>>>,
    /// `""` for counts, `"%"` for shares: added to the axis tick labels.
    pub y_suffix: String,
    /// The top of the value axis, e.g. `Some(100.0)` for shares; else a round number above
    /// the data (at least 1).
    pub y_max: Option<f64>,
}

/// Renders a bar chart as a complete `<svg>` element.
pub fn bar_chart(chart: &BarChart) -> String {
    bar::render_bar_chart(chart)
}

/// Renders a line chart as a complete `<svg>` element.
pub fn line_chart(chart: &LineChart) -> String {
    line::render_line_chart(chart)
}

/// Width of every chart's `viewBox`; the chart scales to its container.
const WIDTH: f64 = 440.0;
/// Margin around the drawing.
const PAD: f64 = 8.0;
/// Series colours, each at least 4.5:1 against white.
const PALETTE: [RGBColor; 4] = [
    RGBColor(0x1f, 0x5f, 0xa8),
    RGBColor(0xb3, 0x47, 0x0b),
    RGBColor(0x2e, 0x7d, 0x32),
    RGBColor(0x6a, 0x3d, 0x9a),
];

/// A chart with nothing to plot: says so instead of drawing empty axes.
fn no_data(frame: &svg::Frame) -> String {
    let frame = svg::Frame {
        height: 64.0,
        ..*frame
    };
    svg::render(&frame, |c| {
        let at = (WIDTH / 2.0, frame.height / 2.0);
        c.text(
            "Нет данных",
            at,
            14.0,
            svg::MUTED,
            (HPos::Center, VPos::Center),
        );
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn theme_bars() -> BarChart {
        let themes = [
            ("ЖКХ", 1843.0),
            ("Дороги", 1210.0),
            ("Благоустройство", 964.0),
            ("ТКО", 512.0),
            ("Транспорт", 388.0),
            ("Образование", 207.0),
            ("Здравоохранение", 143.0),
            ("Социальная защита", 61.0),
        ];
        BarChart {
            id: "themes".into(),
            title: "Сообщения по темам".into(),
            desc: "Больше всего сообщений о ЖКХ: 1 843; меньше всего о социальной защите: 61."
                .into(),
            bars: themes
                .iter()
                .map(|(label, v)| Bar {
                    label: label.to_string(),
                    value: *v,
                    value_label: crate::format::int(*v as i64),
                })
                .collect(),
            horizontal: true,
            y_suffix: String::new(),
        }
    }

    /// 45 months from January 2022 (September 2025 back), two shares with gaps and a plan.
    fn monthly_shares() -> LineChart {
        let months: Vec<(i32, u32)> = (0..45)
            .map(|i| (2022 + i / 12, (i % 12 + 1) as u32))
            .collect();
        let on_time = (0..45)
            .map(|i| {
                if i == 7 || i == 8 {
                    None
                } else {
                    Some(70.0 + (i as f64 * 0.7).sin() * 8.0 + i as f64 * 0.3)
                }
            })
            .collect();
        let first = (0..45)
            .map(|i| {
                if i < 3 {
                    None
                } else {
                    Some(40.0 + (i as f64 * 0.4).cos() * 10.0)
                }
            })
            .collect();
        LineChart {
            id: "on-time".into(),
            title: "Доля ответов в срок".into(),
            desc: "Доля ответов в срок выросла с 70 % до 83 %.".into(),
            x_labels: months
                .iter()
                .map(|&(y, m)| crate::format::month_short(y, m))
                .collect(),
            series: vec![
                Series {
                    name: "Ответы в срок".into(),
                    values: on_time,
                },
                Series {
                    name: "Решено с первого раза".into(),
                    values: first,
                },
            ],
            plan: Some(
                (0..45)
                    .map(|i| Some([75.0, 80.0, 85.0, 90.0][i / 12]))
                    .collect(),
            ),
            y_suffix: "%".into(),
            y_max: Some(100.0),
        }
    }

    /// A small XML check: tags balance, attributes are quoted, every `&` starts an entity, and
    /// no raw `<` or `>` appears in text.
    fn assert_well_formed(svg: &str) {
        let mut stack: Vec<String> = Vec::new();
        let mut rest = svg;
        while let Some(lt) = rest.find('<') {
            let text = &rest[..lt];
            assert!(!text.contains('>'), "raw > in text: {text:?}");
            assert_entities(text);
            let gt = rest[lt..].find('>').expect("unclosed tag") + lt;
            let tag = &rest[lt + 1..gt];
            assert!(!tag.contains('<'), "< inside a tag: {tag:?}");
            assert_eq!(
                tag.matches('"').count() % 2,
                0,
                "unbalanced quotes: {tag:?}"
            );
            assert_entities(tag);
            if let Some(name) = tag.strip_prefix('/') {
                assert_eq!(stack.pop().as_deref(), Some(name), "mismatched </{name}>");
            } else if !tag.ends_with('/') {
                stack.push(
                    tag.split_whitespace()
                        .next()
                        .unwrap_or_default()
                        .to_string(),
                );
            }
            rest = &rest[gt + 1..];
        }
        assert!(rest.trim().is_empty(), "text after the root: {rest:?}");
        assert!(stack.is_empty(), "unclosed: {stack:?}");
    }

    fn assert_entities(s: &str) {
        for (i, _) in s.match_indices('&') {
            let entity = &s[i..];
            assert!(
                ["&amp;", "&lt;", "&gt;", "&quot;", "&apos;"]
                    .iter()
                    .any(|e| entity.starts_with(e)),
                "bare &: {entity:.20}"
            );
        }
    }

    /// The `<text>` contents, unescaped.
    fn texts(svg: &str) -> Vec<String> {
        svg.split("<text")
            .skip(1)
            .filter_map(|t| {
                let start = t.find('>')? + 1;
                let end = t.find("</text>")?;
                Some(
                    t[start..end]
                        .replace("&lt;", "<")
                        .replace("&gt;", ">")
                        .replace("&quot;", "\"")
                        .replace("&apos;", "'")
                        .replace("&amp;", "&"),
                )
            })
            .collect()
    }

    fn assert_root(svg: &str, id: &str) {
        assert!(svg.starts_with("<svg "), "{svg:.80}");
        assert!(!svg.contains("<?xml"));
        let root = &svg[..svg.find('>').unwrap()];
        assert!(root.contains(r#"role="img""#));
        assert!(root.contains(&format!(r#"aria-labelledby="{id}-title {id}-desc""#)));
        assert!(root.contains(r#"class="chart""#) && root.contains(r#"width="100%""#));
        assert!(root.contains(&format!("viewBox=\"0 0 {WIDTH} ")));
        assert!(!root.contains("height="));
        let after = &svg[root.len() + 1..].trim_start();
        assert!(
            after.starts_with(&format!(r#"<title id="{id}-title">"#)),
            "{after:.80}"
        );
        let desc_at = after.find("</title>").unwrap() + "</title>".len();
        assert!(
            after[desc_at..]
                .trim_start()
                .starts_with(&format!(r#"<desc id="{id}-desc">"#))
        );
        assert!(svg.ends_with("</svg>"));
        assert_well_formed(svg);
    }

    #[test]
    fn root_has_role_title_desc_and_ids() {
        let bars = theme_bars();
        let svg = bar_chart(&bars);
        assert_root(&svg, "themes");
        assert!(svg.contains("<title id=\"themes-title\">Сообщения по темам</title>"));
        assert!(svg.contains("меньше всего о социальной защите: 61.</desc>"));
        let lines = monthly_shares();
        assert_root(&line_chart(&lines), "on-time");
        assert_root(
            &bar_chart(&BarChart {
                horizontal: false,
                ..bars
            }),
            "themes",
        );
    }

    #[test]
    fn text_uses_pt_sans_and_russian_numbers() {
        let svg = bar_chart(&theme_bars());
        assert!(svg.contains("font-family=\"'PT Sans', Arial, sans-serif\""));
        let bar_texts = texts(&svg);
        assert!(
            bar_texts.contains(&"1\u{202F}843".to_string()),
            "{bar_texts:?}"
        );
        assert!(bar_texts.contains(&"Социальная защита".to_string()));
        let line_texts = texts(&line_chart(&monthly_shares()));
        assert!(
            line_texts.contains(&"100\u{202F}%".to_string()),
            "{line_texts:?}"
        );
        assert!(
            line_texts.contains(&"янв 2023".to_string()),
            "{line_texts:?}"
        );
    }

    #[test]
    fn output_is_deterministic() {
        assert_eq!(bar_chart(&theme_bars()), bar_chart(&theme_bars()));
        assert_eq!(line_chart(&monthly_shares()), line_chart(&monthly_shares()));
        let svg = line_chart(&monthly_shares());
        let again = std::thread::spawn(|| line_chart(&monthly_shares()))
            .join()
            .unwrap();
        assert_eq!(svg, again);
    }

    #[test]
    fn caller_text_is_escaped_once() {
        let evil = "<script>alert(1)</script> & «ЖКХ»";
        let mut bars = theme_bars();
        bars.title = evil.into();
        bars.desc = format!("{evil} \"quoted\" 'single'");
        bars.bars[0].label = evil.into();
        bars.bars[0].value_label = evil.into();
        bars.id = "x\" onload=\"alert(1)".into();
        let mut lines = monthly_shares();
        lines.title = evil.into();
        lines.series[0].name = evil.into();
        lines.x_labels[0] = evil.into();
        for horizontal in [true, false] {
            let svg = bar_chart(&BarChart {
                horizontal,
                ..bars.clone()
            });
            check_escaped(&svg, evil);
            assert!(svg.contains("&quot;quoted&quot; &apos;single&apos;"));
            assert!(!svg.contains("onload=\""));
        }
        let svg = line_chart(&lines);
        check_escaped(&svg, evil);
        // The legend has room for the whole name.
        assert!(texts(&svg).iter().any(|t| t == evil));
    }

    fn check_escaped(svg: &str, evil: &str) {
        assert!(!svg.contains("<script"), "raw script tag");
        assert!(svg.contains("&lt;script&gt;"));
        assert!(
            !svg.contains("&amp;lt;") && !svg.contains("&amp;amp;"),
            "double escaping"
        );
        assert_well_formed(svg);
        // The title holds it whole, escaped once.
        assert!(svg.contains("&lt;script&gt;alert(1)&lt;/script&gt; &amp; «ЖКХ»</title>"));
        // Drawn text unescapes to the caller's text (whole, or shortened with «…»).
        let prefix: String = evil.chars().take(8).collect();
        assert!(texts(svg).iter().any(|t| t.starts_with(&prefix)), "{evil}");
    }

    #[test]
    fn gaps_break_the_line() {
        let chart = LineChart {
            id: "gaps".into(),
            x_labels: (1..=6)
                .map(|m| crate::format::month_short(2024, m))
                .collect(),
            series: vec![Series {
                name: "Обращения".into(),
                values: vec![Some(10.0), Some(12.0), None, Some(14.0), None, Some(0.0)],
            }],
            ..LineChart::default()
        };
        let svg = line_chart(&chart);
        assert_well_formed(&svg);
        // One polyline for the first run; the lone points are markers only; no legend.
        let lines: Vec<&str> = svg
            .lines()
            .filter(|l| l.contains("<polyline") && l.contains("#1F5FA8"))
            .collect();
        assert_eq!(lines.len(), 1, "{lines:?}");
        let points = lines[0]
            .split("points=\"")
            .nth(1)
            .unwrap()
            .split('"')
            .next()
            .unwrap();
        assert_eq!(points.split_whitespace().count(), 2, "{points}");
        // A marker for each of the four values, the zero included; none for the gaps.
        assert_eq!(svg.matches("<circle").count(), 4);
        assert!(!svg.contains(">план<"));
    }

    #[test]
    fn plan_line_is_dashed_and_in_the_legend() {
        let svg = line_chart(&monthly_shares());
        assert!(texts(&svg).contains(&"план".to_string()));
        let dashed: Vec<&str> = svg
            .lines()
            .filter(|l| l.contains("stroke-dasharray"))
            .collect();
        // The plan's step line and its legend sample.
        assert_eq!(dashed.len(), 2, "{dashed:?}");
        assert!(
            dashed
                .iter()
                .all(|l| l.starts_with("<polyline") && l.contains("#3B3B3B"))
        );
        assert!(texts(&svg).contains(&"Ответы в срок".to_string()));
        let mut no_plan = monthly_shares();
        no_plan.plan = None;
        let svg = line_chart(&no_plan);
        assert!(!svg.contains("stroke-dasharray") && !svg.contains(">план<"));
    }

    #[test]
    fn series_differ_by_marker_shape() {
        let mut chart = monthly_shares();
        chart.series.push(Series {
            name: "Третий".into(),
            values: vec![Some(20.0); 45],
        });
        chart.series.push(Series {
            name: "Четвёртый".into(),
            values: vec![Some(30.0); 45],
        });
        let svg = line_chart(&chart);
        assert!(svg.contains("<circle") && svg.contains("<rect") && svg.contains("<polygon"));
        for colour in ["#1F5FA8", "#B3470B", "#2E7D32", "#6A3D9A"] {
            assert!(svg.contains(colour), "{colour}");
        }
    }

    #[test]
    fn many_months_get_thinned_labels() {
        let svg = line_chart(&monthly_shares());
        let months: Vec<String> = texts(&svg)
            .into_iter()
            .filter(|t| t.contains(" 20"))
            .collect();
        assert!(months.len() >= 4 && months.len() <= 12, "{months:?}");
        assert!(
            months
                .iter()
                .all(|m| m.starts_with("янв") || m.starts_with("июл")),
            "{months:?}"
        );
    }

    #[test]
    fn empty_and_degenerate_input_does_not_panic() {
        let empty_bars = bar_chart(&BarChart {
            id: "e".into(),
            ..BarChart::default()
        });
        assert_root(&empty_bars, "e");
        assert!(empty_bars.contains("Нет данных"));
        assert_root(
            &line_chart(&LineChart {
                id: "e".into(),
                ..LineChart::default()
            }),
            "e",
        );
        let cases = [
            vec![],
            vec![Series::default()],
            vec![Series {
                name: "нули".into(),
                values: vec![Some(0.0); 12],
            }],
            vec![Series {
                name: "пусто".into(),
                values: vec![None; 12],
            }],
            vec![Series {
                name: "одна".into(),
                values: vec![Some(5.0)],
            }],
            vec![Series {
                name: "странные".into(),
                values: vec![Some(f64::NAN), Some(-3.0), Some(f64::INFINITY), Some(1e15)],
            }],
            (0..7)
                .map(|i| Series {
                    name: format!("ряд {i}"),
                    values: vec![Some(i as f64); 3],
                })
                .collect(),
        ];
        for series in cases {
            for x_labels in [
                vec![],
                vec!["янв 2024".to_string()],
                vec!["x".to_string(); 500],
            ] {
                for y_max in [None, Some(0.0), Some(100.0), Some(f64::NAN), Some(-5.0)] {
                    let chart = LineChart {
                        id: "d".into(),
                        x_labels: x_labels.clone(),
                        series: series.clone(),
                        plan: Some(vec![None, Some(3.0)]),
                        y_max,
                        ..LineChart::default()
                    };
                    assert_root(&line_chart(&chart), "d");
                }
            }
        }
        let values = [0.0, -5.0, f64::NAN, f64::NEG_INFINITY, 1e18, 0.001];
        for n in [1, 2, 7, 300] {
            for horizontal in [true, false] {
                let bars = (0..n)
                    .map(|i| Bar {
                        label: format!("№{i}"),
                        value: values[i % values.len()],
                        value_label: String::new(),
                    })
                    .collect();
                let chart = BarChart {
                    id: "b".into(),
                    bars,
                    horizontal,
                    ..BarChart::default()
                };
                assert_root(&bar_chart(&chart), "b");
            }
        }
    }

    #[test]
    fn zero_values_get_an_axis_up_to_one() {
        let chart = BarChart {
            id: "z".into(),
            bars: vec![Bar {
                label: "ЖКХ".into(),
                value: 0.0,
                value_label: "0".into(),
            }],
            horizontal: true,
            ..BarChart::default()
        };
        let texts = texts(&bar_chart(&chart));
        assert!(
            texts.contains(&"1".to_string()) && texts.contains(&"0,2".to_string()),
            "{texts:?}"
        );
    }

    #[test]
    fn long_labels_are_shortened() {
        let long = "Жилищно-коммунальное хозяйство, капитальный ремонт многоквартирных домов и \
                    содержание общего имущества собственников помещений";
        let mut chart = theme_bars();
        chart.bars[0].label = long.into();
        for horizontal in [true, false] {
            let svg = bar_chart(&BarChart {
                horizontal,
                ..chart.clone()
            });
            assert!(!svg.contains(long));
            assert!(
                texts(&svg)
                    .iter()
                    .any(|t| t.starts_with("Жилищно") && t.ends_with('…')),
                "{horizontal}"
            );
        }
        let mut lines = monthly_shares();
        lines.series[1].name = long.into();
        lines.x_labels = vec![long.to_string(); 45];
        let svg = line_chart(&lines);
        assert!(!svg.contains(long));
        assert!(
            texts(&svg)
                .iter()
                .any(|t| t.starts_with("Жилищно") && t.ends_with('…'))
        );
    }

    #[test]
    fn samples_stay_compact() {
        let svg = line_chart(&monthly_shares());
        assert!(svg.len() < 60_000, "{} bytes", svg.len());
        assert!(bar_chart(&theme_bars()).len() < 10_000);
    }

    /// Writes the sample charts for a look: `VITRINA_CHART_SAMPLES=dir cargo test`.
    #[test]
    fn write_samples() {
        let Some(dir) = std::env::var_os("VITRINA_CHART_SAMPLES") else {
            return;
        };
        let dir = std::path::PathBuf::from(dir);
        std::fs::create_dir_all(&dir).unwrap();
        let mut vertical = theme_bars();
        vertical.horizontal = false;
        let mut months = theme_bars();
        months.horizontal = false;
        months.y_suffix = "%".into();
        months.bars = (1..=12)
            .map(|m| Bar {
                label: crate::format::month_abbr(m).to_string(),
                value: 60.0 + m as f64 * 2.5,
                value_label: crate::format::percent(600 + m as i64 * 25),
            })
            .collect();
        let mut wrapped = vertical.clone();
        wrapped.bars = [
            "Социальная защита",
            "Дороги и транспорт",
            "ЖКХ",
            "Благоустройство дворов",
        ]
        .iter()
        .zip([61.0, 1210.0, 1843.0, 964.0])
        .map(|(l, v)| Bar {
            label: l.to_string(),
            value: v,
            value_label: crate::format::int(v as i64),
        })
        .collect();
        let mut long = theme_bars();
        long.bars[2].label = "Благоустройство дворовых территорий, парков и скверов".into();
        long.bars[5].value_label = "<script>alert(1)</script> & «ЖКХ»".into();
        let four = LineChart {
            id: "four".into(),
            x_labels: (1..=12)
                .map(|m| crate::format::month_short(2024, m))
                .collect(),
            series: (0..4)
                .map(|k| Series {
                    name: format!("Район № {}", k + 1),
                    values: (0..12)
                        .map(|i| {
                            (i != 4 + k).then_some(
                                1000.0 + 300.0 * k as f64 + 150.0 * ((i + k) as f64).sin(),
                            )
                        })
                        .collect(),
                })
                .collect(),
            ..LineChart::default()
        };
        let edge_bars = |bars: Vec<Bar>, horizontal| BarChart {
            id: "edge".into(),
            bars,
            horizontal,
            ..BarChart::default()
        };
        let many: Vec<Bar> = (0..300)
            .map(|i| Bar {
                label: format!("Категория {i}"),
                value: (i % 17) as f64,
                value_label: format!("{}", i % 17),
            })
            .collect();
        let mixed: Vec<Bar> = [("Рост", 12.0), ("Падение", -7.5), ("Ноль", 0.0)]
            .iter()
            .map(|(l, v)| Bar {
                label: l.to_string(),
                value: *v,
                value_label: crate::format::decimal(*v),
            })
            .collect();
        let zeros = vec![
            Bar {
                label: "ЖКХ".into(),
                value: 0.0,
                value_label: "0".into()
            };
            3
        ];
        let single = LineChart {
            id: "one".into(),
            x_labels: vec!["сен 2025".into()],
            series: vec![Series {
                name: "Доля".into(),
                values: vec![Some(42.0)],
            }],
            plan: Some(vec![Some(50.0)]),
            y_suffix: "%".into(),
            ..LineChart::default()
        };
        let nones = LineChart {
            id: "none".into(),
            x_labels: (1..=12)
                .map(|m| crate::format::month_short(2025, m))
                .collect(),
            series: vec![Series {
                name: "Пусто".into(),
                values: vec![None; 12],
            }],
            ..LineChart::default()
        };
        let samples = [
            ("edge-empty", bar_chart(&edge_bars(vec![], true))),
            ("edge-many-vertical", bar_chart(&edge_bars(many, false))),
            (
                "edge-mixed-vertical",
                bar_chart(&edge_bars(mixed.clone(), false)),
            ),
            ("edge-mixed-horizontal", bar_chart(&edge_bars(mixed, true))),
            ("edge-zeros", bar_chart(&edge_bars(zeros, false))),
            ("edge-single-point", line_chart(&single)),
            ("edge-all-none", line_chart(&nones)),
            ("bars-wrapped", bar_chart(&wrapped)),
            ("bars-long", bar_chart(&long)),
            ("line-four", line_chart(&four)),
            ("bars-horizontal", bar_chart(&theme_bars())),
            ("bars-vertical", bar_chart(&vertical)),
            ("bars-months", bar_chart(&months)),
            ("line-45-months", line_chart(&monthly_shares())),
        ];
        for (name, svg) in samples {
            std::fs::write(dir.join(format!("{name}.svg")), svg).unwrap();
        }
    }
}
