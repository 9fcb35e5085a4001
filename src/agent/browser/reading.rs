//! What the browser driver reads a page as: the generic layer's login, identifier and consent
//! forms on live controls, and what a submission carried (to tell a refused login).

use super::dom::{Control, Described};
use crate::agent::login::reading::Reads;

/// What a submission carried, to tell a refused login (the same kind of page again).
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub(super) enum Carries {
    Username,
    Password,
}

/// The generic reading of a page (the HTML driver's `Generic`, on live controls).
pub(super) enum Reading<'c> {
    Login {
        user: Option<&'c Control>,
        password: &'c Control,
        decides: Option<(&'c Control, &'c Control)>,
        submit: Option<&'c Control>,
    },
    Identifier {
        user: &'c Control,
        submit: Option<&'c Control>,
    },
    Consent {
        approve: &'c Control,
        deny: Option<&'c Control>,
    },
    Nothing,
}

pub(super) fn read(d: &Described) -> Reading<'_> {
    let buttons: Vec<&Control> = d.controls.iter().filter(|c| c.is_button()).collect();
    let find = |r: Reads| buttons.iter().copied().find(|c| c.reads() == r);
    let plain = || buttons.iter().copied().find(|c| c.reads() != Reads::Deny);
    if let Some(password) = d.controls.iter().find(|c| c.is_password()) {
        let texts: Vec<&Control> = d.controls.iter().filter(|c| c.is_text()).collect();
        let user = texts
            .iter()
            .copied()
            .find(|c| c.is_username_like())
            .or_else(|| texts.first().copied());
        return Reading::Login {
            user,
            password,
            decides: find(Reads::Approve).zip(find(Reads::Deny)),
            submit: plain(),
        };
    }
    let texts: Vec<&Control> = d.controls.iter().filter(|c| c.is_text()).collect();
    if let [user] = texts.as_slice()
        && user.is_username_like()
    {
        return Reading::Identifier {
            user,
            submit: plain(),
        };
    }
    if let Some(approve) = find(Reads::Approve) {
        let deny = find(Reads::Deny).or_else(|| {
            d.controls
                .iter()
                .find(|c| c.is_link() && c.reads() == Reads::Deny)
        });
        return Reading::Consent { approve, deny };
    }
    Reading::Nothing
}

pub(super) fn carries_of(step: &crate::agent::login::ScriptStep) -> Option<Carries> {
    use crate::agent::login::Carries as C;
    match step.carries() {
        Some(C::Password) => Some(Carries::Password),
        Some(C::Username) => Some(Carries::Username),
        None => None,
    }
}

/// The page's controls, one a line, for a stuck login.
pub(super) fn summary(d: &Described) -> String {
    let lines: Vec<String> = d
        .controls
        .iter()
        .filter(|c| c.visible && c.tag != "a")
        .take(24)
        .map(|c| {
            format!(
                "  <{}{}> name={:?} id={:?} {:?}",
                c.tag,
                if c.kind.is_empty() {
                    String::new()
                } else {
                    format!(" type={}", c.kind)
                },
                c.name,
                c.id,
                c.caption()
            )
        })
        .collect();
    if lines.is_empty() {
        "  (no visible controls)".into()
    } else {
        lines.join("\n")
    }
}
