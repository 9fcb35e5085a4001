//! Configuration presets: the reference server as a strict instance of one profile
//! (`features/profiles/<name>.toml`). `serve --preset NAME` and `run --preset NAME` start it;
//! `cargo test` (tests/profiles.rs) shows each preset conformant to its own profile, and the
//! `rfc6749` preset failing `rfc9700` on exactly the BCP requirements it does not meet.
//!
//! A preset changes policy (what the server demands and offers) and may switch on *deviations*:
//! behaviours the catalogue counts as faults because RFC 9700 forbids them, but that the
//! preset's profile allows. Each is listed with the sentence that allows it.

use super::config::{PkcePolicy, ServerConfig};
use super::faults::Fault;

/// A named configuration of the reference server.
#[derive(Clone, Copy, Debug)]
pub struct Preset {
    pub name: &'static str,
    /// The profile the preset is a strict instance of.
    pub profile: &'static str,
    pub description: &'static str,
    apply: fn(&mut ServerConfig),
}

impl Preset {
    /// Applies the preset to a configuration (usually `ServerConfig::demo()`).
    pub fn apply(&self, config: &mut ServerConfig) {
        (self.apply)(config);
    }

    /// `ServerConfig::demo()` with the preset applied.
    pub fn config(&self) -> ServerConfig {
        let mut c = ServerConfig::demo();
        self.apply(&mut c);
        c
    }
}

impl PartialEq for Preset {
    fn eq(&self, other: &Self) -> bool {
        self.name == other.name
    }
}

impl Eq for Preset {}

impl std::str::FromStr for Preset {
    type Err = String;

    fn from_str(s: &str) -> Result<Self, String> {
        PRESETS
            .iter()
            .find(|p| p.name == s)
            .copied()
            .ok_or_else(|| {
                let names: Vec<&str> = PRESETS.iter().map(|p| p.name).collect();
                format!("unknown preset {s:?} (available: {})", names.join(", "))
            })
    }
}

/// Behaviours of the `rfc6749` preset that RFC 9700 forbids and RFC 6749 (with RFC 7636, 8414)
/// leaves open, with the reason each is legal there.
pub const RFC6749_DEVIATIONS: &[(Fault, &str)] = &[
    (
        Fault::ErrorRedirectBeforeLogin,
        "RFC 6749 §4.1.2.1 redirects request errors once client and redirect URI are valid; authenticating the user first is RFC 9700 §4.11.2",
    ),
    (
        Fault::PkceDowngradeAccepted,
        "RFC 7636 §4.5-4.6 say nothing of a verifier sent for a code issued without a challenge; the downgrade check is RFC 9700 §2.1.1",
    ),
    (
        Fault::PasswordGrantEnabled,
        "RFC 6749 §4.3 defines the resource owner password credentials grant; RFC 9700 §2.4 forbids it",
    ),
    (
        Fault::NoFrameProtection,
        "RFC 6749 §10.13 names X-Frame-Options without a BCP 14 keyword for the server; the MUST is RFC 9700 §4.16",
    ),
    (
        Fault::CorsOnAuthorize,
        "RFC 6749 says nothing of CORS at the authorization endpoint; the MUST NOT is RFC 9700 §2.6",
    ),
    (
        Fault::MetadataWithoutPkce,
        "RFC 8414 §2 makes code_challenge_methods_supported OPTIONAL; the RECOMMENDED is RFC 9700 §2.1.1",
    ),
];

/// Every preset.
pub const PRESETS: &[Preset] = &[
    Preset {
        name: "rfc6749",
        profile: "rfc6749",
        description: "plain RFC 6749: PKCE offered (S256 and plain) but never required, no refresh token rotation, the password grant, error redirects before login, no frame protection, CORS at the authorization endpoint, no code_challenge_methods_supported",
        apply: |c| {
            c.policy.pkce_required = PkcePolicy::None;
            c.policy.allow_plain_pkce = true;
            c.policy.rotate_public_refresh = false;
            c.policy.rotate_confidential_refresh = false;
            c.deviations = RFC6749_DEVIATIONS.iter().map(|(f, _)| *f).collect();
        },
    },
    Preset {
        name: "rfc9700",
        profile: "rfc9700",
        description: "the reference server's defaults: PKCE S256 only and required for public clients, refresh token rotation, iss, metadata, revocation and introspection",
        apply: |_| {},
    },
    Preset {
        name: "oauth2.1",
        profile: "oauth2.1",
        description: "rfc9700 with PKCE required from every client (draft-ietf-oauth-v2-1-16 §4.1.2.1)",
        apply: |c| {
            c.policy.pkce_required = PkcePolicy::All;
            c.policy.allow_plain_pkce = false;
        },
    },
];

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn presets_parse() {
        for p in PRESETS {
            assert_eq!(p.name.parse::<Preset>(), Ok(*p));
        }
        assert!(
            "nope"
                .parse::<Preset>()
                .unwrap_err()
                .contains("available: rfc6749")
        );
        let c = PRESETS[0].config();
        assert!(!c.policy.rotate_public_refresh && c.deviations.len() == RFC6749_DEVIATIONS.len());
        assert!(PRESETS[1].config().deviations.is_empty());
    }
}
