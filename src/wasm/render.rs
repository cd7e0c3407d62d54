//! The badge renderer: a [`View`] → DOM nodes with web-sys.
//!
//! Credential text only ever becomes text nodes or attribute values, never markup; images are
//! limited by [`super::view::safe_image_url`]. The first render into a target builds the
//! badge's skeleton; later renders (loading → verified) update it in place, so the status line
//! (`role="status"`) stays the same node and assistive technology announces the change.

use std::cell::RefCell;

use js_sys::{Array, Date, Function, Object, Reflect};
use wasm_bindgen::{JsCast, JsValue};
use web_sys::{CssStyleSheet, Document, Element, Node};

use super::view::{Detail, Shown, State, View};
use crate::{Report, Timestamp};

const SVG: &str = "http://www.w3.org/2000/svg";
const CSS: &str = include_str!("badge.css");
/// Marks the renderer's root element inside a target.
const ROOT_ATTRIBUTE: &str = "data-verified-badge";

/// Draws `report` (or the loading state for `None`) into `target`, a `ShadowRoot` or an
/// element whose children the renderer owns, and returns the state shown.
///
/// `lang` is a BCP 47 tag for formatting dates (default: the browser's locale).
pub fn render_report(target: &Node, report: Option<&Report>, lang: Option<&str>) -> Result<State, JsValue> {
    let shown = report.map(Shown::from);
    render_shown(target, shown.as_ref(), lang)
}

/// [`render_report`] for the parts of a report the badge shows.
pub(crate) fn render_shown(target: &Node, report: Option<&Shown>, lang: Option<&str>) -> Result<State, JsValue> {
    let view = View::of(report);
    let document = target
        .owner_document()
        .ok_or_else(|| JsValue::from_str("verified-badge: the render target is not in a document"))?;
    let parts = match Parts::find(target)? {
        Some(parts) => parts,
        None => Parts::build(target, &document)?,
    };
    parts.fill(&document, &view, lang)?;
    Ok(view.state)
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
}

impl Parts {
    /// The skeleton a previous render left in `target`, if any.
    fn find(target: &Node) -> Result<Option<Parts>, JsValue> {
        let mut child = target.first_child();
        while let Some(node) = child {
            if let Some(root) = node.dyn_ref::<Element>().filter(|e| e.has_attribute(ROOT_ATTRIBUTE)) {
                let part = |class: &str| -> Result<Element, JsValue> {
                    root.query_selector(&format!(".{class}"))?
                        .ok_or_else(|| JsValue::from_str("verified-badge: the badge's markup was changed from outside"))
                };
                return Ok(Some(Parts {
                    image: part("vb-image")?,
                    name: part("vb-name")?,
                    issuer: part("vb-issuer")?,
                    date: part("vb-date")?,
                    icon: part("vb-icon")?,
                    label: part("vb-status-label")?,
                    detail: part("vb-status-detail")?,
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
        let el = |tag: &str, class: &str, part: &str| -> Result<Element, JsValue> {
            let e = document.create_element(tag)?;
            e.set_class_name(class);
            if !part.is_empty() {
                e.set_attribute("part", part)?;
            }
            Ok(e)
        };
        let root = el("div", "vb", "badge")?;
        root.set_attribute(ROOT_ATTRIBUTE, "")?;
        let image = el("div", "vb-image", "image")?;
        let body = el("div", "vb-body", "")?;
        let name = el("p", "vb-name", "name")?;
        let issuer = el("p", "vb-issuer", "issuer")?;
        let date = el("p", "vb-date", "date")?;
        let status = el("p", "vb-status", "status")?;
        status.set_attribute("role", "status")?;
        let icon = document.create_element_ns(Some(SVG), "svg")?;
        icon.set_attribute("class", "vb-icon")?;
        icon.set_attribute("part", "status-icon")?;
        icon.set_attribute("viewBox", "0 0 24 24")?;
        icon.set_attribute("aria-hidden", "true")?;
        icon.set_attribute("focusable", "false")?;
        let text = el("span", "vb-status-text", "")?;
        let label = el("strong", "vb-status-label", "status-label")?;
        let detail = el("span", "vb-status-detail", "status-detail")?;
        text.append_child(&label)?;
        text.append_child(&detail)?;
        status.append_child(&icon)?;
        status.append_child(&text)?;
        for child in [&name, &issuer, &date, &status] {
            body.append_child(child)?;
        }
        root.append_child(&image)?;
        root.append_child(&body)?;
        target.append_child(&root)?;
        Ok(Parts { root, image, name, issuer, date, icon, label, detail })
    }

    /// Puts the view's content into the skeleton.
    fn fill(&self, document: &Document, view: &View<'_>, lang: Option<&str>) -> Result<(), JsValue> {
        let state = view.state;
        self.root.set_attribute("data-state", state.as_str())?;
        if state == State::Loading {
            self.root.set_attribute("aria-busy", "true")?;
        } else {
            self.root.remove_attribute("aria-busy")?;
        }

        clear(&self.image)?;
        match view.image {
            Some(url) => {
                let img = document.create_element("img")?;
                img.set_attribute("src", url)?;
                // Decorative: the name next to it says what it is.
                img.set_attribute("alt", "")?;
                img.set_attribute("referrerpolicy", "no-referrer")?;
                img.set_attribute("decoding", "async")?;
                self.image.append_child(&img)?;
            }
            None => {
                let placeholder = icon(document, PLACEHOLDER)?;
                self.image.append_child(&placeholder)?;
            }
        }

        self.name.set_text_content(None);
        if !view.title.is_empty() {
            let title = bdi(document, &view.title)?;
            self.name.append_child(&title)?;
        }

        self.issuer.set_text_content(None);
        if let Some(issuer) = &view.issuer {
            self.issuer.append_child(&document.create_text_node("Issued by "))?;
            let name = bdi(document, issuer)?;
            if let Some(id) = view.issuer_id {
                name.set_attribute("title", id)?;
            }
            self.issuer.append_child(&name)?;
        }

        self.date.set_text_content(None);
        if let Some(issued) = view.issued {
            self.date.append_child(&document.create_text_node("Issued "))?;
            let issued = time(document, issued, lang)?;
            self.date.append_child(&issued)?;
        }

        clear(&self.icon)?;
        let path = document.create_element_ns(Some(SVG), "path")?;
        path.set_attribute("d", state_icon(state))?;
        path.set_attribute("fill", "currentColor")?;
        path.set_attribute("fill-rule", "evenodd")?;
        self.icon.append_child(&path)?;
        self.label.set_text_content(Some(state.label()));

        self.detail.set_text_content(None);
        match &view.detail {
            Detail::None => {}
            Detail::Sentence(text) => self.detail.set_text_content(Some(text)),
            Detail::ExpiredOn(until) => {
                self.detail.append_child(&document.create_text_node("Expired on "))?;
                let until = time(document, until, lang)?;
                self.detail.append_child(&until)?;
            }
        }
        Ok(())
    }
}

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
        // A three-quarter ring that the stylesheet turns.
        State::Loading => "M12 2a10 10 0 1 0 10 10h-2.5A7.5 7.5 0 1 1 12 4.5V2Z",
        // A tick in a circle.
        State::Verified => "M12 2a10 10 0 1 0 0 20 10 10 0 0 0 0-20Zm-1.3 14.2-4.2-4.2 1.4-1.4 2.8 2.8 5.6-5.6 1.4 1.4-7 7Z",
        // A cross in a circle.
        State::Invalid => "M12 2a10 10 0 1 0 0 20 10 10 0 0 0 0-20Zm3.5 12.1-1.4 1.4-2.1-2.1-2.1 2.1-1.4-1.4 2.1-2.1-2.1-2.1 1.4-1.4 2.1 2.1 2.1-2.1 1.4 1.4-2.1 2.1 2.1 2.1Z",
        // A clock.
        State::Expired => "M12 2a10 10 0 1 0 0 20 10 10 0 0 0 0-20Zm0 2a8 8 0 1 1 0 16 8 8 0 0 1 0-16Zm-1 3v5.4l3.9 3.9 1.4-1.4-3.3-3.3V7h-2Z",
        // An exclamation mark in a triangle.
        State::Indeterminate => "M12 2.5 1.5 21h21L12 2.5ZM11 9h2v5.5h-2V9Zm0 7.5h2v2h-2v-2Z",
    }
}
