//! The secret that signs clinic-check state: from the environment, or generated once and kept
//! in the data folder so that checks survive a restart.

use std::fs;
use std::io::Write;
use std::path::Path;

use crate::config::Config;
use crate::questionnaire::TokenKey;

/// The file in the data folder holding a generated secret.
pub(crate) const FILE: &str = "state.secret";
const BYTES: usize = 32;

fn random() -> Result<[u8; BYTES], String> {
    let mut bytes = [0u8; BYTES];
    getrandom::fill(&mut bytes).map_err(|e| format!("cannot generate a secret: {e}"))?;
    Ok(bytes)
}

fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

/// A key for this process only (the console: nothing outlives it).
pub(crate) fn ephemeral() -> Result<TokenKey, String> {
    Ok(TokenKey::new(&random()?))
}

/// The configured secret, else the one kept in `data_dir`, generated there on first use
/// (readable by the bot's user only). With a shared store (`database_url`) the secret must be
/// configured: instances that each generated their own could not read each other's checks.
pub(crate) fn key(config: &Config) -> Result<TokenKey, String> {
    if let Some(secret) = &config.state_secret {
        return Ok(TokenKey::new(secret.as_bytes()));
    }
    if config.database_url.is_some() {
        return Err(format!(
            "{} is not set: with database_url, several instances share the work, and every one \
             must sign the clinic check's buttons with the same secret (any long random text)",
            crate::config::SECRET_VAR
        ));
    }
    kept(&config.data_dir).map(|s| TokenKey::new(s.as_bytes()))
}

fn kept(dir: &Path) -> Result<String, String> {
    let path = dir.join(FILE);
    match fs::read_to_string(&path) {
        Ok(secret) if !secret.trim().is_empty() => return Ok(secret.trim().to_owned()),
        Ok(_) => {}
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => {}
        Err(e) => return Err(format!("cannot read {}: {e}", path.display())),
    }
    fs::create_dir_all(dir).map_err(|e| format!("cannot create {}: {e}", dir.display()))?;
    let secret = hex(&random()?);
    let mut options = fs::OpenOptions::new();
    options.write(true).create_new(true);
    #[cfg(unix)]
    std::os::unix::fs::OpenOptionsExt::mode(&mut options, 0o600);
    let mut file = options
        .open(&path)
        .map_err(|e| format!("cannot create {}: {e}", path.display()))?;
    file.write_all(secret.as_bytes())
        .map_err(|e| format!("cannot write {}: {e}", path.display()))?;
    Ok(secret)
}

#[cfg(test)]
#[expect(clippy::unwrap_used, reason = "tests fail loudly on unexpected errors")]
mod tests {
    use super::*;

    #[test]
    fn a_generated_secret_is_kept_and_read_back() {
        let dir = std::env::temp_dir().join(format!("exobot-secret-{}", std::process::id()));
        let _ = fs::remove_dir_all(&dir);
        let first = kept(&dir).unwrap();
        assert_eq!(first.len(), BYTES * 2);
        assert_eq!(kept(&dir).unwrap(), first);
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            let mode = fs::metadata(dir.join(FILE)).unwrap().permissions().mode();
            assert_eq!(mode & 0o777, 0o600);
        }
        fs::remove_dir_all(dir).unwrap();
    }

    #[test]
    fn a_shared_store_needs_a_configured_secret() {
        let mut config = Config::defaults();
        config.database_url = Some("postgres://exobot@localhost/exobot".to_owned());
        let err = key(&config).unwrap_err();
        assert!(err.starts_with("EXOBOT_STATE_SECRET is not set"), "{err}");
        config.state_secret = Some("shared".to_owned());
        assert!(key(&config).is_ok());
    }
}
