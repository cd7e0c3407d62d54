//! The badge renderer: a [`View`] → DOM nodes with web-sys, and the details dialog.
//!
//! Credential text only ever becomes text nodes or attribute values, never markup; images are
//! limited by [`super::view::safe_image_url`], links to `https:` with `rel="noopener
//! noreferrer"`. The first render into a target builds the badge's skeleton; later renders
//! (loading → verified) update it in place, so the status line (`role="status"`) stays the
//! same node and assistive technology announces the change. Buttons carry `data-action`
//! (`open`, `close`, `reverify`, `download`, `recipient`); the element shell handles them.

use std::cell::RefCell;

use js_sys::{Array, Date, Function, Object, Reflect};
use wasm_bindgen::{JsCast, JsValue};
use web_sys::{CssStyleSheet, Document, Element, Node};

use super::extras::Extras;
use super::i18n::{Locale, Words};
use super::view::{judge, safe_image_url, Detail, Shown, State, View};
use crate::{Outcome, Report, Status, Timestamp};

const SVG: &str = "http://www.w3.org/2000/svg";
const CSS: &str = include_str!("badge.css");
/// Marks the renderer's root element inside a target.
const ROOT_ATTRIBUTE: &str = "data-verified-badge";

/// Draws `report` (or the loading state for `None`) into `target`, a `ShadowRoot` or an
/// element whose children the renderer owns, and returns the state shown.
///
/// `lang` is a BCP 47 tag for the words and dates (default: English words, the browser's dates).
pub fn render_report(target: &Node, report: Option<&Report>, lang: Option<&str>) -> Result<State, JsValue> {
    let shown = report.map(Shown::from);
    render_shown(target, shown.as_ref(), lang, None, false)
}

/// [`render_report`] for the parts of a report the badge shows, with the details' extras.
pub(crate) fn render_shown(
    target: &Node,
    report: Option<&Shown>,
    lang: Option<&str>,
    extras: Option<&Extras>,
    idle: bool,
) -> Result<State, JsValue> {
    let words = Locale::pick(lang).words();
    let mut view = View::of(report, words);
    if idle && report.is_none() {
        view.state = State::Idle;
    }
    let document = target
        .owner_document()
        .ok_or_else(|| JsValue::from_str("verified-badge: the render target is not in a document"))?;
    let parts = match Parts::find(target)? {
        Some(parts) => parts,
        None => Parts::build(target, &document)?,
    };
    let dom = Dom { document: &document, words, lang };
    parts.fill(&dom, &view)?;
    clear(&parts.dialog)?;
    if let Some(report) = report {
        details(&dom, &parts.dialog, report, &view, extras)?;
    }
    Ok(view.state)
}

/// Writes the answer of `checkRecipient()` (`match`: `match`, `mismatch`, …) into the
/// details' recipient line, in words.
pub(crate) fn render_recipient(target: &Node, answer: &str, lang: Option<&str>) -> Result<(), JsValue> {
    let words = Locale::pick(lang).words();
    let Some(line) = query(target, ".vb-recipient-result")? else { return Ok(()) };
    let text = match answer {
        "match" => words.recipient_match,
        "mismatch" => words.recipient_mismatch,
        "no-identifier" => words.recipient_no_identifier,
        "unsupported-hash" => words.recipient_unsupported,
        "" => "",
        _ => words.recipient_unreadable,
    };
    line.set_attribute("data-match", answer)?;
    line.set_text_content(Some(text));
    Ok(())
}

fn query(target: &Node, selector: &str) -> Result<Option<Element>, JsValue> {
    if let Some(root) = target.dyn_ref::<web_sys::ShadowRoot>() {
        return root.query_selector(selector);
    }
    match target.dyn_ref::<Element>() {
        Some(element) => element.query_selector(selector),
        None => Ok(None),
    }
}

/// The document, the words and the date locale: what every drawing helper needs.
struct Dom<'a> {
    document: &'a Document,
    words: &'static Words,
    lang: Option<&'a str>,
}

impl Dom<'_> {
    /// `<tag class=… part=…>`; an empty `part` sets none.
    fn el(&self, tag: &str, class: &str, part: &str) -> Result<Element, JsValue> {
        let e = self.document.create_element(tag)?;
        if !class.is_empty() {
            e.set_class_name(class);
        }
        if !part.is_empty() {
            e.set_attribute("part", part)?;
        }
        Ok(e)
    }

    /// `<tag class=…>text</tag>` appended to `parent`.
    fn text(&self, parent: &Element, tag: &str, class: &str, text: &str) -> Result<Element, JsValue> {
        let e = self.el(tag, class, "")?;
        e.set_text_content(Some(text));
        parent.append_child(&e)?;
        Ok(e)
    }

    /// A link when `url` is a clean `https:` URL, else the text alone (never a `javascript:` href).
    fn link(&self, parent: &Element, url: Option<&str>, text: &str) -> Result<(), JsValue> {
        match url.and_then(safe_link) {
            Some(url) => {
                let a = self.el("a", "", "link")?;
                a.set_attribute("href", url)?;
                a.set_attribute("rel", "noopener noreferrer")?;
                a.set_attribute("target", "_blank")?;
                a.set_attribute("referrerpolicy", "no-referrer")?;
                a.append_child(&bdi(self.document, text)?.into())?;
                parent.append_child(&a)?;
            }
            None => {
                parent.append_child(&bdi(self.document, text)?.into())?;
            }
        }
        Ok(())
    }

    fn button(&self, parent: &Element, action: &str, label: &str, part: &str) -> Result<Element, JsValue> {
        let b = self.el("button", "vb-button", part)?;
        b.set_attribute("type", "button")?;
        b.set_attribute("data-action", action)?;
        b.set_text_content(Some(label));
        parent.append_child(&b)?;
        Ok(b)
    }

    /// A titled section of the details; returns its body.
    fn section(&self, parent: &Element, title: &str) -> Result<Element, JsValue> {
        let section = self.el("section", "vb-section", "section")?;
        self.text(&section, "h3", "vb-section-title", title)?;
        parent.append_child(&section)?;
        Ok(section)
    }
}

/// `url` when it may be a link: `https:` with no whitespace or control characters.
fn safe_link(url: &str) -> Option<&str> {
    let ok = url.len() > "https://".len()
        && url.len() <= 4096
        && url.get(..8).is_some_and(|p| p.eq_ignore_ascii_case("https://"))
        && !url.chars().any(|c| c.is_whitespace() || c.is_control());
    ok.then_some(url)
}

/// The skeleton's elements that change between renders.
struct Parts {
    root: Element,
    image: Element,
    name: Element,
    issuer: Element,
    date: Element,
    icon: Element,
    label: Element,
    detail: Element,
    open: Element,
    dialog: Element,
}

impl Parts {
    /// The skeleton a previous render left in `target`, if any.
    fn find(target: &Node) -> Result<Option<Parts>, JsValue> {
        let mut child = target.first_child();
        while let Some(node) = child {
            if let Some(root) = node.dyn_ref::<Element>().filter(|e| e.has_attribute(ROOT_ATTRIBUTE)) {
                let part = |selector: &str| -> Result<Element, JsValue> {
                    root.query_selector(selector)?
                        .ok_or_else(|| JsValue::from_str("verified-badge: the badge's markup was changed from outside"))
                };
                return Ok(Some(Parts {
                    image: part(".vb-image")?,
                    name: part(".vb-name")?,
                    issuer: part(".vb-issuer")?,
                    date: part(".vb-date")?,
                    icon: part(".vb-icon")?,
                    label: part(".vb-status-label")?,
                    detail: part(".vb-status-detail")?,
                    open: part(".vb-open")?,
                    dialog: query(target, ".vb-dialog")?.ok_or_else(|| {
                        JsValue::from_str("verified-badge: the badge's markup was changed from outside")
                    })?,
                    root: root.clone(),
                }));
            }
            child = node.next_sibling();
        }
        Ok(None)
    }

    /// Clears `target`, adds the styles and an empty skeleton.
    fn build(target: &Node, document: &Document) -> Result<Parts, JsValue> {
        while let Some(child) = target.first_child() {
            target.remove_child(&child)?;
        }
        if !adopt_stylesheet(target) {
            let style = document.create_element("style")?;
            style.set_text_content(Some(CSS));
            target.append_child(&style)?;
        }
        let dom = Dom { document, words: Locale::En.words(), lang: None };
        let root = dom.el("div", "vb", "badge")?;
        root.set_attribute(ROOT_ATTRIBUTE, "")?;
        let image = dom.el("div", "vb-image", "image")?;
        let body = dom.el("div", "vb-body", "body")?;
        let name = dom.el("p", "vb-name", "name")?;
        let issuer = dom.el("p", "vb-issuer", "issuer")?;
        let date = dom.el("p", "vb-date", "date")?;
        let status = dom.el("p", "vb-status", "status")?;
        status.set_attribute("role", "status")?;
        let icon = document.create_element_ns(Some(SVG), "svg")?;
        icon.set_attribute("class", "vb-icon")?;
        icon.set_attribute("part", "status-icon")?;
        icon.set_attribute("viewBox", "0 0 24 24")?;
        icon.set_attribute("aria-hidden", "true")?;
        icon.set_attribute("focusable", "false")?;
        let text = dom.el("span", "vb-status-text", "")?;
        let label = dom.el("strong", "vb-status-label", "status-label")?;
        let detail = dom.el("span", "vb-status-detail", "status-detail")?;
        text.append_child(&label)?;
        text.append_child(&detail)?;
        status.append_child(&icon)?;
        status.append_child(&text)?;
        let open = dom.el("button", "vb-open vb-button", "details-button")?;
        open.set_attribute("type", "button")?;
        open.set_attribute("data-action", "open")?;
        open.set_attribute("aria-haspopup", "dialog")?;
        for child in [&name, &issuer, &date, &status, &open] {
            body.append_child(child)?;
        }
        root.append_child(&image)?;
        root.append_child(&body)?;
        let dialog = dom.el("dialog", "vb-dialog", "dialog")?;
        dialog.set_attribute("aria-labelledby", "vb-dialog-title")?;
        target.append_child(&root)?;
        target.append_child(&dialog)?;
        Ok(Parts { root, image, name, issuer, date, icon, label, detail, open, dialog })
    }

    /// Puts the view's content into the skeleton.
    fn fill(&self, dom: &Dom<'_>, view: &View<'_>) -> Result<(), JsValue> {
        let document = dom.document;
        let words = dom.words;
        let state = view.state;
        self.root.set_attribute("data-state", state.as_str())?;
        if state == State::Loading {
            self.root.set_attribute("aria-busy", "true")?;
        } else {
            self.root.remove_attribute("aria-busy")?;
        }

        clear(&self.image)?;
        self.image.append_child(&image(document, view.image)?.into())?;

        self.name.set_text_content(None);
        if !view.title.is_empty() {
            let title = bdi(document, &view.title)?;
            self.name.append_child(&title)?;
        }

        self.issuer.set_text_content(None);
        if let Some(issuer) = &view.issuer {
            self.issuer.append_child(&document.create_text_node(words.issued_by))?;
            let name = bdi(document, issuer)?;
            if let Some(id) = view.issuer_id {
                name.set_attribute("title", id)?;
            }
            self.issuer.append_child(&name)?;
        }

        self.date.set_text_content(None);
        if let Some(issued) = view.issued {
            self.date.append_child(&document.create_text_node(words.issued))?;
            let issued = time(document, issued, dom.lang)?;
            self.date.append_child(&issued)?;
        }

        clear(&self.icon)?;
        let path = document.create_element_ns(Some(SVG), "path")?;
        path.set_attribute("d", state_icon(state))?;
        path.set_attribute("fill", "currentColor")?;
        path.set_attribute("fill-rule", "evenodd")?;
        self.icon.append_child(&path)?;
        self.label.set_text_content(Some(state.label(words)));

        self.detail.set_text_content(None);
        match &view.detail {
            Detail::None => {}
            Detail::Sentence(text) => self.detail.set_text_content(Some(text)),
            Detail::ExpiredOn(until) => {
                self.detail.append_child(&document.create_text_node(words.expired_on))?;
                let until = time(document, until, dom.lang)?;
                self.detail.append_child(&until)?;
            }
        }

        if state == State::Idle {
            self.open.set_text_content(Some(words.verify));
            self.open.set_attribute("data-action", "verify")?;
            self.open.remove_attribute("aria-label")?;
            self.open.remove_attribute("aria-haspopup")?;
        } else {
            self.open.set_text_content(Some(words.details));
            self.open.set_attribute("data-action", "open")?;
            self.open.set_attribute("aria-haspopup", "dialog")?;
            // "Details of the badge: Rust Fundamentals" for screen readers; the eye reads "Details".
            let label = if view.title.is_empty() {
                words.details_of.to_owned()
            } else {
                format!("{}: {}", words.details_of, view.title)
            };
            self.open.set_attribute("aria-label", &label)?;
        }
        if state == State::Loading {
            self.open.set_attribute("hidden", "")?;
        } else {
            self.open.remove_attribute("hidden")?;
        }
        Ok(())
    }
}

/// The badge image, or the placeholder medal.
fn image(document: &Document, url: Option<&str>) -> Result<Element, JsValue> {
    match url {
        Some(url) => {
            let img = document.create_element("img")?;
            img.set_attribute("src", url)?;
            // Decorative: the name next to it says what it is.
            img.set_attribute("alt", "")?;
            img.set_attribute("referrerpolicy", "no-referrer")?;
            img.set_attribute("decoding", "async")?;
            Ok(img)
        }
        None => icon(document, PLACEHOLDER),
    }
}

/// The details dialog's content: everything the credential says, and every check.
fn details(dom: &Dom<'_>, dialog: &Element, report: &Shown, view: &View<'_>, extras: Option<&Extras>) -> Result<(), JsValue> {
    let words = dom.words;
    let document = dom.document;
    let credential = report.credential.as_ref();
    let achievement = credential.and_then(|c| c.achievement.as_ref());
    let issuer = credential.and_then(|c| c.issuer.as_ref());
    dialog.set_attribute("data-state", view.state.as_str())?;

    let header = dom.el("header", "vb-dialog-header", "dialog-header")?;
    let picture = dom.el("div", "vb-image vb-dialog-image", "")?;
    picture.append_child(&image(document, view.image)?.into())?;
    header.append_child(&picture)?;
    let heading = dom.el("div", "vb-dialog-heading", "")?;
    let title = dom.el("h2", "vb-dialog-title", "dialog-title")?;
    title.set_attribute("id", "vb-dialog-title")?;
    title.append_child(&bdi(document, &view.title)?.into())?;
    heading.append_child(&title)?;
    let verdict = dom.el("p", "vb-verdict", "verdict")?;
    let mark = icon(document, state_icon(view.state))?;
    mark.set_attribute("class", "vb-icon")?;
    verdict.append_child(&mark)?;
    dom.text(&verdict, "strong", "", view.state.label(words))?;
    match &view.detail {
        Detail::None => {}
        Detail::Sentence(text) => {
            dom.text(&verdict, "span", "", text)?;
        }
        Detail::ExpiredOn(until) => {
            let span = dom.el("span", "", "")?;
            span.append_child(&document.create_text_node(words.expired_on))?;
            span.append_child(&time(document, until, dom.lang)?.into())?;
            verdict.append_child(&span)?;
        }
    }
    heading.append_child(&verdict)?;
    header.append_child(&heading)?;
    let close = dom.button(&header, "close", "×", "close-button")?;
    close.set_attribute("aria-label", words.close)?;
    close.set_attribute("class", "vb-button vb-close")?;
    dialog.append_child(&header)?;

    let body = dom.el("div", "vb-dialog-body", "dialog-body")?;
    dialog.append_child(&body)?;

    let description = achievement
        .and_then(|a| a.description.as_deref())
        .or_else(|| credential.and_then(|c| c.description.as_deref()))
        .filter(|d| !d.trim().is_empty());
    if let Some(description) = description {
        let section = dom.section(&body, words.description)?;
        dom.text(&section, "p", "vb-prose", &clip(description))?;
    }

    if let Some(criteria) = achievement.and_then(|a| a.criteria.as_ref()) {
        let narrative = criteria.narrative.as_deref().filter(|n| !n.trim().is_empty());
        let url = criteria.id.as_deref().and_then(safe_link);
        if narrative.is_some() || url.is_some() {
            let section = dom.section(&body, words.criteria)?;
            if let Some(narrative) = narrative {
                dom.text(&section, "p", "vb-prose", &clip(narrative))?;
            }
            if let Some(url) = url {
                let p = dom.el("p", "", "")?;
                dom.link(&p, Some(url), url)?;
                section.append_child(&p)?;
            }
        }
    }

    if let Some(extras) = extras {
        if !extras.alignments.is_empty() {
            let section = dom.section(&body, words.skills)?;
            let list = dom.el("ul", "vb-list", "")?;
            for a in &extras.alignments {
                let li = dom.el("li", "", "")?;
                let name = a.target_name.as_deref().or(a.target_url.as_deref()).unwrap_or_default();
                dom.link(&li, a.target_url.as_deref(), name)?;
                let framework: Vec<&str> =
                    [a.target_framework.as_deref(), a.target_code.as_deref()].into_iter().flatten().collect();
                if !framework.is_empty() {
                    dom.text(&li, "span", "vb-muted", &format!(" ({})", framework.join(" · ")))?;
                }
                if let Some(d) = &a.target_description {
                    dom.text(&li, "span", "vb-item-detail", d)?;
                }
                list.append_child(&li)?;
            }
            section.append_child(&list)?;
        }
        if !extras.evidence.is_empty() {
            let section = dom.section(&body, words.evidence)?;
            let list = dom.el("ul", "vb-list", "")?;
            for e in &extras.evidence {
                let li = dom.el("li", "", "")?;
                let name = e.name.as_deref().or(e.id.as_deref()).unwrap_or(words.evidence);
                dom.link(&li, e.id.as_deref(), name)?;
                for text in [&e.description, &e.narrative].into_iter().flatten() {
                    dom.text(&li, "span", "vb-item-detail", text)?;
                }
                list.append_child(&li)?;
            }
            section.append_child(&list)?;
        }
    }

    if let Some(issuer) = issuer {
        let section = dom.section(&body, words.issuer)?;
        let card = dom.el("div", "vb-issuer-card", "")?;
        if let Some(url) = issuer.image.as_deref().and_then(safe_image_url) {
            let logo = dom.el("div", "vb-logo", "")?;
            logo.append_child(&image(document, Some(url))?.into())?;
            card.append_child(&logo)?;
        }
        let list = dom.el("dl", "vb-facts", "")?;
        if let Some(name) = issuer.name.as_deref() {
            dom.text(&list, "dt", "", words.issuer)?;
            let dd = dom.el("dd", "", "")?;
            dd.append_child(&bdi(document, name)?.into())?;
            list.append_child(&dd)?;
        }
        if let Some(url) = issuer.url.as_deref() {
            dom.text(&list, "dt", "", words.website)?;
            let dd = dom.el("dd", "", "")?;
            dom.link(&dd, Some(url), url)?;
            list.append_child(&dd)?;
        }
        if let Some(id) = issuer.id.as_deref() {
            dom.text(&list, "dt", "", words.identifier)?;
            let dd = dom.el("dd", "", "")?;
            dom.text(&dd, "code", "vb-id", id)?;
            list.append_child(&dd)?;
        }
        card.append_child(&list)?;
        section.append_child(&card)?;
        if let Some(d) = extras.and_then(|e| e.issuer_description.as_deref()) {
            dom.text(&section, "p", "vb-prose", d)?;
        }
    }

    let from = credential.and_then(|c| c.valid_from.as_deref());
    let until = credential.and_then(|c| c.valid_until.as_deref());
    if from.is_some() || until.is_some() {
        let section = dom.section(&body, words.dates)?;
        let list = dom.el("dl", "vb-facts", "")?;
        for (label, date) in [(words.issued, from), (words.expires, until)] {
            if let Some(date) = date {
                dom.text(&list, "dt", "", label.trim())?;
                let dd = dom.el("dd", "", "")?;
                dd.append_child(&time(document, date, dom.lang)?.into())?;
                list.append_child(&dd)?;
            }
        }
        section.append_child(&list)?;
    }

    let endorsements: Vec<_> = report.embedded.iter().filter(|e| e.kind == "endorsement").collect();
    if !endorsements.is_empty() {
        let section = dom.section(&body, words.endorsements)?;
        let list = dom.el("ul", "vb-list", "")?;
        for e in endorsements {
            let li = dom.el("li", "vb-endorsement", "endorsement")?;
            let endorser = e
                .credential
                .as_ref()
                .and_then(|c| c.issuer.as_ref())
                .and_then(|i| i.name.as_deref().or(i.id.as_deref()))
                .unwrap_or("?");
            let who = dom.el("span", "", "")?;
            who.append_child(&document.create_text_node(words.endorsed_by))?;
            let name = dom.el("strong", "", "")?;
            name.append_child(&bdi(document, endorser)?.into())?;
            who.append_child(&name)?;
            li.append_child(&who)?;
            let shown = Shown { outcome: e.outcome, checks: Vec::new(), credential: None, embedded: Vec::new() };
            let state = match e.outcome {
                Outcome::Verified => State::Verified,
                Outcome::Invalid => State::Invalid,
                Outcome::Indeterminate => judge(&shown).0,
            };
            let badge = dom.el("span", "vb-chip", "")?;
            badge.set_attribute("data-state", state.as_str())?;
            badge.set_text_content(Some(state.label(words)));
            li.append_child(&document.create_text_node(" "))?;
            li.append_child(&badge)?;
            if let Some(c) = extras.and_then(|x| x.endorsements.iter().find(|c| c.path == e.path)) {
                dom.text(&li, "q", "vb-item-detail", &c.comment)?;
            }
            list.append_child(&li)?;
        }
        section.append_child(&list)?;
    }

    let section = dom.section(&body, words.checks)?;
    let list = dom.el("ul", "vb-checks", "checks")?;
    for c in &report.checks {
        let li = dom.el("li", "vb-check", "check")?;
        li.set_attribute("data-status", status_name(c.status))?;
        let (word, d) = match c.status {
            Status::Passed => (words.passed, state_icon(State::Verified)),
            Status::Failed => (words.failed, state_icon(State::Invalid)),
            Status::Unknown => (words.unknown, state_icon(State::Indeterminate)),
            Status::Skipped => (words.skipped, SKIPPED),
        };
        let mark = icon(document, d)?;
        mark.set_attribute("class", "vb-icon")?;
        li.append_child(&mark)?;
        let text = dom.el("span", "vb-check-text", "")?;
        dom.text(&text, "strong", "vb-check-status", word)?;
        dom.text(&text, "code", "vb-check-code", &c.code)?;
        // The core's own sentence: it carries the details (which URL, which reason).
        dom.text(&text, "span", "vb-check-message", &clip(&c.message))?;
        li.append_child(&text)?;
        list.append_child(&li)?;
    }
    section.append_child(&list)?;

    let section = dom.section(&body, words.is_this_yours)?;
    let form = dom.el("form", "vb-recipient", "recipient-form")?;
    form.set_attribute("data-action", "recipient")?;
    let label = dom.el("label", "vb-recipient-label", "")?;
    dom.text(&label, "span", "", words.your_email)?;
    let input = dom.el("input", "vb-input", "recipient-input")?;
    input.set_attribute("type", "email")?;
    input.set_attribute("name", "email")?;
    input.set_attribute("autocomplete", "email")?;
    input.set_attribute("required", "")?;
    label.append_child(&input)?;
    form.append_child(&label)?;
    let submit = dom.el("button", "vb-button", "recipient-button")?;
    submit.set_attribute("type", "submit")?;
    submit.set_text_content(Some(words.check));
    form.append_child(&submit)?;
    section.append_child(&form)?;
    dom.text(&section, "p", "vb-muted vb-small", words.email_stays_here)?;
    let result = dom.el("p", "vb-recipient-result", "recipient-result")?;
    result.set_attribute("role", "status")?;
    section.append_child(&result)?;

    let actions = dom.el("footer", "vb-actions", "actions")?;
    dom.button(&actions, "reverify", words.verify_again, "reverify-button")?;
    dom.button(&actions, "download", words.download, "download-button")?;
    dialog.append_child(&actions)?;
    Ok(())
}

/// Long prose cut at 4000 characters.
fn clip(text: &str) -> String {
    const MAX: usize = 4000;
    match text.char_indices().nth(MAX) {
        None => text.trim().to_owned(),
        Some((end, _)) => format!("{}…", text.get(..end).unwrap_or_default().trim()),
    }
}

fn status_name(status: Status) -> &'static str {
    match status {
        Status::Passed => "passed",
        Status::Failed => "failed",
        Status::Unknown => "unknown",
        Status::Skipped => "skipped",
    }
}

/// A dash in a circle: a check that did not apply.
const SKIPPED: &str = "M12 2a10 10 0 1 0 0 20 10 10 0 0 0 0-20ZM7 11h10v2H7v-2Z";

fn clear(element: &Element) -> Result<(), JsValue> {
    while let Some(child) = element.first_child() {
        element.remove_child(&child)?;
    }
    Ok(())
}

/// Credential text isolated from the surrounding text's direction (no bidi spoofing).
fn bdi(document: &Document, text: &str) -> Result<Element, JsValue> {
    let e = document.create_element("bdi")?;
    e.set_text_content(Some(text));
    Ok(e)
}

/// `<time datetime="…">formatted date</time>`.
fn time(document: &Document, raw: &str, lang: Option<&str>) -> Result<Element, JsValue> {
    let e = document.create_element("time")?;
    e.set_attribute("datetime", raw)?;
    e.set_text_content(Some(&format_date(raw, lang)));
    Ok(e)
}

/// The date as `Intl.DateTimeFormat` writes it in `lang`, or the `YYYY-MM-DD` part.
///
/// Formatted in UTC: credentials are mostly written in UTC, and the viewer's zone could move
/// "2025-03-01T00:00:00Z" to the 28th of February.
fn format_date(raw: &str, lang: Option<&str>) -> String {
    intl_date(raw, lang).unwrap_or_else(|| {
        let date_part = raw.get(..10).filter(|d| Timestamp::parse(&format!("{d}T00:00:00Z")).is_ok());
        date_part.unwrap_or(raw).chars().take(40).collect()
    })
}

/// Every JS call here goes through `Reflect` so a throw (bad locale, no `Intl`) is an `Err`.
fn intl_date(raw: &str, lang: Option<&str>) -> Option<String> {
    let instant = Timestamp::parse(raw).ok()?;
    let date = Date::new(&JsValue::from_f64(instant.0 as f64 * 1000.0));
    let intl = Reflect::get(&js_sys::global(), &JsValue::from_str("Intl")).ok()?;
    let constructor: Function = Reflect::get(&intl, &JsValue::from_str("DateTimeFormat")).ok()?.dyn_into().ok()?;
    let options = Object::new();
    Reflect::set(&options, &JsValue::from_str("dateStyle"), &JsValue::from_str("long")).ok()?;
    Reflect::set(&options, &JsValue::from_str("timeZone"), &JsValue::from_str("UTC")).ok()?;
    let locales = lang.filter(|l| !l.is_empty()).map_or(JsValue::UNDEFINED, JsValue::from_str);
    let formatter = Reflect::construct(&constructor, &Array::of2(&locales, &options)).ok()?;
    let format: Function = Reflect::get(&formatter, &JsValue::from_str("format")).ok()?.dyn_into().ok()?;
    format.call1(&formatter, &date).ok()?.as_string()
}

thread_local! {
    /// One stylesheet shared by every badge on the page (`None` until first use or when
    /// constructable stylesheets are unsupported).
    static SHEET: RefCell<Option<CssStyleSheet>> = const { RefCell::new(None) };
}

/// Adds the shared constructable stylesheet to the target's shadow root (or document).
/// `false` when the browser cannot, so the caller falls back to a `<style>` element.
fn adopt_stylesheet(target: &Node) -> bool {
    let Some(sheet) = shared_sheet() else { return false };
    let scope: Node =
        if target.is_instance_of::<web_sys::ShadowRoot>() { target.clone() } else { target.get_root_node() };
    let key = JsValue::from_str("adoptedStyleSheets");
    let Ok(current) = Reflect::get(&scope, &key) else { return false };
    if !Array::is_array(&current) {
        return false;
    }
    let current: Array = current.unchecked_into();
    if current.includes(&sheet, 0) {
        return true;
    }
    let sheets = current.concat(&Array::of1(&sheet));
    // Throws when the sheet belongs to another document (e.g. an iframe's).
    Reflect::set(&scope, &key, &sheets).unwrap_or(false)
}

fn shared_sheet() -> Option<CssStyleSheet> {
    SHEET.with(|cell| {
        let mut cell = cell.try_borrow_mut().ok()?;
        if cell.is_none() {
            let sheet = CssStyleSheet::new().ok()?;
            sheet.replace_sync(CSS).ok()?;
            *cell = Some(sheet);
        }
        cell.clone()
    })
}

fn icon(document: &Document, d: &str) -> Result<Element, JsValue> {
    let svg = document.create_element_ns(Some(SVG), "svg")?;
    svg.set_attribute("viewBox", "0 0 24 24")?;
    svg.set_attribute("aria-hidden", "true")?;
    svg.set_attribute("focusable", "false")?;
    let path = document.create_element_ns(Some(SVG), "path")?;
    path.set_attribute("d", d)?;
    path.set_attribute("fill", "currentColor")?;
    path.set_attribute("fill-rule", "evenodd")?;
    svg.append_child(&path)?;
    Ok(svg)
}

/// A neutral medal for badges without a usable image.
const PLACEHOLDER: &str = "M12 1.5a7.5 7.5 0 1 0 0 15 7.5 7.5 0 0 0 0-15Zm0 3 1.5 3.1 3.4.5-2.45 2.4.58 3.4L12 12.3l-3.03 1.6.58-3.4L7.1 8.1l3.4-.5L12 4.5ZM7.2 16.2 5.5 22.5l3.3-1.3 2.2 2.6.9-5.3a9 9 0 0 1-4.7-2.3Zm9.6 0a9 9 0 0 1-4.7 2.3l.9 5.3 2.2-2.6 3.3 1.3-1.7-6.3Z";

fn state_icon(state: State) -> &'static str {
    match state {
        // A shield outline: not checked yet.
        State::Idle => "M12 1.5 3.5 5v6c0 5.3 3.6 10.2 8.5 11.5 4.9-1.3 8.5-6.2 8.5-11.5V5L12 1.5Zm0 2.2 6.5 2.7V11c0 4.2-2.7 8.2-6.5 9.4-3.8-1.2-6.5-5.2-6.5-9.4V6.4L12 3.7Z",
        // A three-quarter ring that the stylesheet turns.
        State::Loading => "M12 2a10 10 0 1 0 10 10h-2.5A7.5 7.5 0 1 1 12 4.5V2Z",
        // A tick in a circle.
        State::Verified => "M12 2a10 10 0 1 0 0 20 10 10 0 0 0 0-20Zm-1.3 14.2-4.2-4.2 1.4-1.4 2.8 2.8 5.6-5.6 1.4 1.4-7 7Z",
        // A cross in a circle.
        State::Invalid => "M12 2a10 10 0 1 0 0 20 10 10 0 0 0 0-20Zm3.5 12.1-1.4 1.4-2.1-2.1-2.1 2.1-1.4-1.4 2.1-2.1-2.1-2.1 1.4-1.4 2.1 2.1 2.1-2.1 1.4 1.4-2.1 2.1 2.1 2.1Z",
        // A clock.
        State::Expired => "M12 2a10 10 0 1 0 0 20 10 10 0 0 0 0-20Zm0 2a8 8 0 1 1 0 16 8 8 0 0 1 0-16Zm-1 3v5.4l3.9 3.9 1.4-1.4-3.3-3.3V7h-2Z",
        // A circle with a slash: withdrawn.
        State::Revoked => "M12 2a10 10 0 1 0 0 20 10 10 0 0 0 0-20Zm0 2.5a7.5 7.5 0 0 1 5.9 12.1L7.4 6.1A7.5 7.5 0 0 1 12 4.5ZM6.1 7.4l10.5 10.5A7.5 7.5 0 0 1 6.1 7.4Z",
        // A pause sign in a circle.
        State::Suspended => "M12 2a10 10 0 1 0 0 20 10 10 0 0 0 0-20ZM8.5 8h2.5v8H8.5V8Zm4.5 0h2.5v8H13V8Z",
        // A question mark in a circle.
        State::StatusUnknown => "M12 2a10 10 0 1 0 0 20 10 10 0 0 0 0-20Zm-1 15h2v2h-2v-2Zm1-11.5a4 4 0 0 1 2.3 7.3c-.8.6-1.3 1-1.3 1.7v.5h-2v-.5c0-1.7 1-2.5 1.8-3.1.6-.4.9-.8.9-1.4a1.7 1.7 0 0 0-3.4 0H8a4 4 0 0 1 4-4.5Z",
        // A shield with a cross.
        State::Untrusted => "M12 1.5 3.5 5v6c0 5.3 3.6 10.2 8.5 11.5 4.9-1.3 8.5-6.2 8.5-11.5V5L12 1.5Zm3.2 13-1.4 1.4-1.8-1.8-1.8 1.8-1.4-1.4 1.8-1.8-1.8-1.8 1.4-1.4 1.8 1.8 1.8-1.8 1.4 1.4-1.8 1.8 1.8 1.8Z",
        // An exclamation mark in a triangle.
        State::Indeterminate => "M12 2.5 1.5 21h21L12 2.5ZM11 9h2v5.5h-2V9Zm0 7.5h2v2h-2v-2Z",
    }
}
