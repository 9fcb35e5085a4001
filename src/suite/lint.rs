//! Rules the `.feature` files keep so that they run on servers we have never seen: a scenario
//! names every client kind it uses in its tags (so a target without that client skips it instead
//! of erroring), and no step names a scope of the reference server (scenarios use the target's
//! `required_scope` / `other_scope` through dedicated steps).

use std::path::Path;

use crate::subject::ClientKind;

/// The capability tag that announces a client kind.
fn tag_of(kind: ClientKind) -> &'static str {
    match kind {
        ClientKind::Basic => "basic",
        ClientKind::Post => "post",
        ClientKind::Public => "public-client",
        ClientKind::Loopback => "loopback",
        ClientKind::Jwt => "private-key-jwt",
    }
}

/// Every problem in the features under `dir`; `scope_names` are the reference server's scopes.
pub fn problems(dir: &Path, scope_names: &[&str]) -> Result<Vec<String>, String> {
    let mut out = Vec::new();
    for (file, feature) in super::catalog::parsed_features(dir)? {
        let scenarios = feature
            .scenarios
            .iter()
            .chain(feature.rules.iter().flat_map(|r| r.scenarios.iter()));
        for sc in scenarios {
            let tags: Vec<&String> = feature.tags.iter().chain(sc.tags.iter()).collect();
            let at = format!("{file}:{} {:?}", sc.position.line, sc.name);
            for step in &sc.steps {
                for kind in ClientKind::ALL {
                    let named = format!("the {} client", kind.as_str());
                    let tag = tag_of(kind);
                    if step.value.contains(&named) && !tags.iter().any(|t| *t == tag) {
                        out.push(format!("{at}: uses {named} without the @{tag} tag"));
                    }
                }
                for scope in scope_names {
                    if step.value.contains(scope) {
                        out.push(format!(
                            "{at}: names the reference server's scope {scope:?}; use the target's \
                             required or other scope"
                        ));
                    }
                }
                if step.value.contains("\"scope\" to \"") || step.value.contains("with scope \"") {
                    out.push(format!(
                        "{at}: sets a literal scope ({:?}); use a step that reads the target's scopes",
                        step.value
                    ));
                }
            }
        }
    }
    Ok(out)
}
