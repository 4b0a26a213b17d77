//! A campaign's script must fit the cases it calls. Scripts say which case types they are
//! written for (`case_types`): the contact script never tells anyone their test is positive,
//! and the index script speaks of a test date a contact does not have. So a campaign whose
//! target is another case type is refused, at creation and again at launch (the script may
//! have had a new release since), unless the supervisor explicitly overrides it; a campaign
//! with no case type in its target takes the script's, when the script has exactly one (and
//! no override says otherwise).

use kernel::Kernel;
use scripting::model::{Script, ScriptKind};

use crate::error::{CampaignError, Result};
use crate::model::{Campaign, NewCampaign, Target};

/// The script of the release a campaign would use now: pinned, or its script's newest.
async fn script_of(k: &Kernel, script_id: &str, release_id: Option<i64>) -> Result<Script> {
    let info = match release_id {
        Some(id) => scripting::store::info_by_id(&k.db, id).await?,
        None => scripting::store::latest(&k.db, script_id).await?,
    };
    let Some(info) = info else {
        return Err(kernel::Error::invalid(
            if release_id.is_some() {
                "release_id"
            } else {
                "script_id"
            },
            "unknown_script",
            format!("no release of script {script_id:?} is published"),
        )
        .into());
    };
    if info.script_id != script_id {
        return Err(CampaignError::Invalid {
            field: "release_id",
            message: format!(
                "release {} belongs to script {:?}, not {script_id:?}",
                info.id, info.script_id
            ),
        });
    }
    Ok(scripting::store::get(&k.db, info.id).await?.1.script)
}

/// Why `script` does not fit `target` (and no override was given), if it does not.
fn mismatch(script: &Script, target: &Target, overridden: bool) -> Option<kernel::Error> {
    if script.kind != ScriptKind::Outbound {
        return Some(kernel::Error::invalid(
            "script_id",
            "script_kind",
            format!(
                "script {:?} is for inbound calls; a campaign calls out",
                script.id
            ),
        ));
    }
    let types = &script.case_types;
    let fits = match &target.case_type {
        _ if types.is_empty() => true,
        Some(t) => types.contains(t),
        // Every case type: only a script written for all of them fits.
        None => types.len() > 1,
    };
    (!fits && !overridden).then(|| {
        kernel::Error::invalid(
            "target.case_type",
            "script_mismatch",
            format!(
                "script {:?} is written for {} cases, and this campaign targets {} cases: \
                 choose a script for those cases, narrow the target, or set script_override",
                script.id,
                types.join(" and "),
                target.case_type.as_deref().unwrap_or("all"),
            ),
        )
    })
}

/// The target a new campaign gets: its own, with the script's case type filled in when it
/// names none and the script has exactly one; refused when the script does not fit.
pub async fn target_for_script(k: &Kernel, new: &NewCampaign) -> Result<Target> {
    let script = script_of(k, &new.script_id, new.release_id).await?;
    let mut target = new.target.clone();
    // Overridden, the supervisor chose the cases themselves: all of them, if none is named.
    if target.case_type.is_none() && !new.script_override {
        if let [only] = script.case_types.as_slice() {
            target.case_type = Some(only.clone());
        }
    }
    match mismatch(&script, &target, new.script_override) {
        Some(e) => Err(e.into()),
        None => Ok(target),
    }
}

/// At launch: the release the campaign will use must still fit its target.
pub async fn check_launch(k: &Kernel, c: &Campaign) -> Result<()> {
    let script = script_of(k, &c.script_id, c.release_id).await?;
    match mismatch(&script, &c.target, c.script_override) {
        Some(e) => Err(e.into()),
        None => Ok(()),
    }
}
