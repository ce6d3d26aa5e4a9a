//! The portfolio as HTML: a page of its own (`aipath portfolio --format html`) and a section of the report. Built as
//! the report is: maud escapes every value, third-party text goes through [`Text`], the page has the report's inline
//! style and its Content Security Policy, no script and nothing fetched. A link is an `<a>` only when its URL is a web
//! URL exactly as `aipath link` stores one; anything else a state file holds is shown as text.

use maud::{DOCTYPE, Markup, html};

use super::{Text, head};
use crate::progress::links::is_web_url;
use crate::render::text::hours;
use crate::render::views::links::LinkRow;
use crate::render::views::portfolio::{PortfolioView, ProjectLine};

/// The portfolio on a page of its own.
pub fn page(view: &PortfolioView) -> String {
    html! {
        (DOCTYPE)
        html lang="en" {
            (head(view.version, html! { (Text(&view.title)) " — portfolio" }))
            body {
                header {
                    p.eyebrow { "Portfolio · " (view.today) }
                    h1 { (Text(&view.title)) }
                    p.muted { (Text(&view.intro())) }
                }
                main { (body(view)) }
                footer {
                    p { "Tracked with aipath " (view.version) "; " code { "aipath portfolio --format html" } " makes it again." }
                }
            }
        }
    }
    .into_string()
        + "\n"
}

/// The report's portfolio section: the same projects, modules and skills.
pub fn section(view: &PortfolioView) -> Markup {
    html! {
        section #portfolio .block aria-labelledby="portfolio-title" {
            h2 #portfolio-title { "Portfolio" }
            p.muted.small {
                "What " code { "aipath portfolio" } " gives to put on a profile or a CV. " (Text(&view.intro()))
            }
            (body(view))
        }
    }
}

fn body(view: &PortfolioView) -> Markup {
    let shown: Vec<_> = view
        .skills
        .iter()
        .filter(|s| !s.projects.is_empty() || !s.modules.is_empty())
        .collect();
    html! {
        section.pf-part aria-label="Projects" {
            h3 { "Projects" }
            @if view.projects.is_empty() {
                p.muted.small {
                    "No project under way yet: " code { "aipath projects" } " lists them, "
                    code { "aipath show <project>" } " says what done means."
                }
            }
            @for p in &view.projects { (project(p)) }
        }
        @if !view.modules.is_empty() {
            section.pf-part aria-label="Modules completed" {
                h3 { "Modules completed" }
                ul.pf-list {
                    @for m in &view.modules {
                        li {
                            b { (Text(&m.title)) }
                            @if let Some(d) = m.finished { " · finished " (d) }
                            " · " (hours(m.hours)) " h"
                        }
                    }
                }
            }
        }
        @if !shown.is_empty() {
            section.pf-part aria-label="Skills" {
                h3 { "Skills" }
                ul.pf-list {
                    @for s in shown {
                        li {
                            b { (Text(&s.title)) }
                            @if !s.projects.is_empty() { " · shown in " (Text(&s.projects.join(", "))) }
                            @if !s.modules.is_empty() { " · studied in " (Text(&s.modules.join(", "))) }
                        }
                    }
                }
            }
        }
    }
}

fn project(p: &ProjectLine) -> Markup {
    html! {
        article class={ "pf-project" @if !p.is_done() { " s-doing" } } data-id=(Text(&p.id)) {
            h4 { (Text(&p.title)) }
            @if let Some(summary) = &p.summary { p { (Text(summary)) } }
            p.small.muted {
                (Text(&p.when()))
                @if p.hours > 0.0 { " · " (hours(p.hours)) " h" }
                @if p.criteria_total > 0 {
                    " · " (p.criteria_met.len()) " of " (p.criteria_total) " acceptance criteria met"
                }
            }
            @if !p.skills.is_empty() {
                div.chips { @for s in &p.skills { span.pf-chip { (Text(s)) } } }
            }
            @if !p.links.is_empty() {
                ul.links { @for l in &p.links { li { (link(l)) } } }
            }
        }
    }
}

fn link(l: &LinkRow) -> Markup {
    html! {
        @if is_web_url(&l.url) {
            a href=(l.url) rel="nofollow noopener noreferrer" { (Text(&l.url)) }
        } @else {
            code { (Text(&l.url)) }
        }
        @if let Some(note) = &l.note { " — " (Text(note)) }
    }
}
