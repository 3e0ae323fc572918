//! `data/site.yaml` and `data/structure.yaml`: who publishes and who runs the centre.

use super::decode::{self, Fields, fields};
use crate::diag::{Diagnostic, Diagnostics};
use crate::yaml::Node;
use chrono::NaiveDate;
use serde::Serialize;

/// The interface language of the site.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Language {
    Ru,
    En,
}

/// `data/site.yaml`.
#[derive(Debug, Clone, Serialize)]
pub struct Site {
    pub title: String,
    pub municipality: String,
    pub region: String,
    /// Absolute, always ending in `/`.
    pub base_url: String,
    pub language: Language,
    pub address: Option<String>,
    pub contacts: Contacts,
    pub official_pages: Vec<OfficialPage>,
    pub documents: Vec<Document>,
    /// Lets raw HTML in Markdown through (off by default, as in Hugo).
    pub unsafe_html: bool,
    /// The folder under `themes/` that overrides the built-in theme (`default`).
    pub theme: String,
}

#[derive(Debug, Clone, Default, Serialize)]
pub struct Contacts {
    pub phone: Option<String>,
    pub email: Option<String>,
}

#[derive(Debug, Clone, Serialize)]
pub struct OfficialPage {
    pub network: String,
    pub url: String,
}

#[derive(Debug, Clone, Serialize)]
pub struct Document {
    pub title: String,
    pub number: Option<String>,
    pub date: Option<NaiveDate>,
    pub url: Option<String>,
}

pub(crate) const SITE_KEYS: &[&str] = &[
    "title",
    "municipality",
    "region",
    "base_url",
    "language",
    "address",
    "contacts",
    "official_pages",
    "documents",
    "unsafe_html",
    "theme",
];

/// Reads `site.yaml`; `None` when a required value is missing or wrong.
pub fn read_site(node: &Node, d: &mut Diagnostics) -> Option<Site> {
    let f = fields(node, "site", SITE_KEYS, d)?;
    let errors = d.errors();
    let title = f.required("title", d).and_then(|n| decode::text(n, d));
    let municipality = f
        .required("municipality", d)
        .and_then(|n| decode::text(n, d));
    let region = f.required("region", d).and_then(|n| decode::text(n, d));
    let base_url = f
        .required("base_url", d)
        .and_then(|n| decode::url(n, d))
        .map(|u| with_slash(&u));
    let language = match f.optional("language") {
        None => Some(Language::Ru),
        Some(n) => match n.scalar() {
            Some("ru") => Some(Language::Ru),
            Some("en") => Some(Language::En),
            _ => {
                d.push(decode::expected(n, "`ru` or `en`").with_code("language"));
                None
            }
        },
    };
    let address = f.optional("address").and_then(|n| decode::text(n, d));
    let contacts = f
        .optional("contacts")
        .and_then(|n| read_contacts(n, d))
        .unwrap_or_default();
    let official_pages = list(
        &f,
        "official_pages",
        "official pages",
        d,
        read_official_page,
    );
    let documents = list(&f, "documents", "documents", d, read_document);
    let unsafe_html = f
        .optional("unsafe_html")
        .and_then(|n| decode::boolean(n, d))
        .unwrap_or(false);
    let theme = f
        .optional("theme")
        .and_then(|n| super::decision::slug(n, d))
        .unwrap_or_else(|| "default".to_string());
    if d.errors() > errors {
        return None;
    }
    Some(Site {
        title: title?,
        municipality: municipality?,
        region: region?,
        base_url: base_url?,
        language: language?,
        address,
        contacts,
        official_pages,
        documents,
        unsafe_html,
        theme,
    })
}

/// `url` with a trailing slash, so that page paths can be appended.
pub fn with_slash(url: &str) -> String {
    if url.ends_with('/') {
        url.to_string()
    } else {
        format!("{url}/")
    }
}

/// Reads the list under `key` item by item, keeping the items that read well.
pub fn list<T>(
    f: &Fields,
    key: &str,
    what: &str,
    d: &mut Diagnostics,
    read: impl Fn(&Node, &mut Diagnostics) -> Option<T>,
) -> Vec<T> {
    let Some(node) = f.optional(key) else {
        return Vec::new();
    };
    decode::seq(node, what, d)
        .map(|items| items.iter().filter_map(|n| read(n, d)).collect())
        .unwrap_or_default()
}

fn read_contacts(node: &Node, d: &mut Diagnostics) -> Option<Contacts> {
    let f = fields(node, "contacts", &["phone", "email"], d)?;
    let phone = f.optional("phone").and_then(|n| decode::text(n, d));
    let email = f.optional("email").and_then(|n| decode::text(n, d));
    if let (Some(e), Some(n)) = (&email, f.optional("email"))
        && (!e.contains('@') || e.contains(char::is_whitespace))
    {
        d.push(
            Diagnostic::error("email", format!("`{e}` is not an e-mail address"))
                .at(n.span, "expected name@domain"),
        );
    }
    Some(Contacts { phone, email })
}

fn read_official_page(node: &Node, d: &mut Diagnostics) -> Option<OfficialPage> {
    let f = fields(node, "official page", &["network", "url"], d)?;
    let network = f.required("network", d).and_then(|n| decode::text(n, d));
    let url = f.required("url", d).and_then(|n| decode::url(n, d));
    Some(OfficialPage {
        network: network?,
        url: url?,
    })
}

fn read_document(node: &Node, d: &mut Diagnostics) -> Option<Document> {
    let f = fields(node, "document", &["title", "number", "date", "url"], d)?;
    let title = f.required("title", d).and_then(|n| decode::text(n, d));
    let number = f.optional("number").and_then(|n| decode::text(n, d));
    let date = f.optional("date").and_then(|n| decode::date(n, d));
    let url = f.optional("url").and_then(|n| decode::url(n, d));
    Some(Document {
        title: title?,
        number,
        date,
        url,
    })
}

/// A named official.
#[derive(Debug, Clone, Serialize)]
pub struct Person {
    pub name: String,
    pub position: Option<String>,
}

#[derive(Debug, Clone, Serialize)]
pub struct Role {
    pub role: String,
    pub name: String,
    pub position: Option<String>,
}

#[derive(Debug, Clone, Serialize)]
pub struct Block {
    pub name: String,
    pub themes: Vec<String>,
    pub lead: Option<Person>,
    pub members: Vec<Person>,
}

/// `data/structure.yaml`.
#[derive(Debug, Clone, Default, Serialize)]
pub struct Structure {
    pub curator: Option<Person>,
    pub head: Option<Person>,
    pub roles: Vec<Role>,
    pub blocks: Vec<Block>,
}

/// Reads `structure.yaml`.
pub fn read_structure(node: &Node, d: &mut Diagnostics) -> Option<Structure> {
    let f = fields(
        node,
        "structure",
        &["curator", "head", "roles", "blocks"],
        d,
    )?;
    let curator = f.optional("curator").and_then(|n| read_person(n, d));
    let head = f.optional("head").and_then(|n| read_person(n, d));
    let roles = list(&f, "roles", "roles", d, read_role);
    let blocks = list(&f, "blocks", "blocks", d, read_block);
    Some(Structure {
        curator,
        head,
        roles,
        blocks,
    })
}

fn read_person(node: &Node, d: &mut Diagnostics) -> Option<Person> {
    let f = fields(node, "person", &["name", "position"], d)?;
    let name = f.required("name", d).and_then(|n| decode::text(n, d));
    let position = f.optional("position").and_then(|n| decode::text(n, d));
    Some(Person {
        name: name?,
        position,
    })
}

fn read_role(node: &Node, d: &mut Diagnostics) -> Option<Role> {
    let f = fields(node, "role", &["role", "name", "position"], d)?;
    let role = f.required("role", d).and_then(|n| decode::text(n, d));
    let name = f.required("name", d).and_then(|n| decode::text(n, d));
    let position = f.optional("position").and_then(|n| decode::text(n, d));
    Some(Role {
        role: role?,
        name: name?,
        position,
    })
}

fn read_block(node: &Node, d: &mut Diagnostics) -> Option<Block> {
    let f = fields(node, "block", &["name", "themes", "lead", "members"], d)?;
    let name = f.required("name", d).and_then(|n| decode::text(n, d));
    let themes = list(&f, "themes", "themes", d, decode::text);
    let lead = f.optional("lead").and_then(|n| read_person(n, d));
    let members = list(&f, "members", "members", d, read_person);
    Some(Block {
        name: name?,
        themes,
        lead,
        members,
    })
}
