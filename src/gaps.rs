//! Content gaps: the questions no vetted fact answered, kept per server only where a server
//! manager opted in (text only, no one identified, never a symptom report), and listed for
//! moderators so they can see what is missing.

use crate::event::{Actor, Response};
use crate::internal::Internal;
use crate::reply;
use crate::store::Store;
use crate::text::escape;

/// `/gaps` in server `guild_id`: with `keep`, server managers opt in or out (out deletes what
/// was kept); without it, moderators list what was kept, as of `now` (Unix seconds).
pub(crate) fn command(
    store: &Store,
    actor: &Actor,
    guild_id: u64,
    keep: Option<bool>,
    now: i64,
) -> Response {
    match keep {
        Some(_) if !actor.can_reload => {
            Response::notice("Only members who can manage the server can turn content gaps on or off.")
        }
        Some(keep) => match store.set_keep_gaps(guild_id, keep) {
            Ok(()) if keep => Response::notice(format!(
                "exobot now keeps the text of questions no vetted fact answered in this server, \
                 with no user id, for {} days, so moderators can list them with /gaps. \
                 Symptom reports are never kept. /about tells members.",
                crate::store::GAP_DAYS
            )),
            Ok(()) => Response::notice(
                "exobot no longer keeps refused questions in this server; the ones kept were deleted.",
            ),
            Err(e) => Internal::store("change the content-gap setting")(e).answer(),
        },
        None if !actor.can_moderate => {
            Response::notice("Only moderators (Manage Messages) can list content gaps.")
        }
        None => match store
            .gaps(guild_id, now)
            .and_then(|gaps| Ok((gaps, store.keeps_gaps(guild_id)?)))
        {
            Ok((gaps, keeping)) => gap_list(&gaps, keeping),
            Err(e) => Internal::store("list content gaps")(e).answer(),
        },
    }
}

/// The kept questions as one ephemeral message: newest first, each escaped and cut, as many as
/// fit Discord's 2,000 characters, with a count of the rest.
fn gap_list(gaps: &[(i64, String)], keeping: bool) -> Response {
    if gaps.is_empty() {
        return Response::notice(if keeping {
            "No refused questions were kept in the last 30 days."
        } else {
            "This server does not keep refused questions. A server manager can turn it on with /gaps keep:True."
        });
    }
    let mut text = format!(
        "Questions no vetted fact answered here, newest first ({} in the last {} days; text only, no one identified):\n",
        gaps.len(),
        crate::store::GAP_DAYS
    );
    let budget = reply::limits::CONTENT - 60;
    for (shown, (at, question)) in gaps.iter().enumerate() {
        let day = time::OffsetDateTime::from_unix_timestamp(*at)
            .map(|t| t.date().to_string())
            .unwrap_or_default();
        let line = format!("• {day}: {}\n", reply::truncate(&escape(question), 200));
        if text.chars().count() + line.chars().count() > budget {
            text.push_str(&format!("…and {} more.", gaps.len() - shown));
            break;
        }
        text.push_str(&line);
    }
    Response::notice(&text)
}

#[cfg(test)]
#[expect(clippy::unwrap_used, reason = "tests fail loudly on unexpected errors")]
mod tests {
    use super::*;
    use crate::event::Place;
    use crate::reply::Reply;

    fn moderator() -> Actor {
        Actor {
            user_id: 1,
            display_name: "mod".to_owned(),
            can_reload: true,
            can_moderate: true,
            place: Place::Guild {
                guild_id: 7,
                channel_id: 8,
                can_send: true,
                channel: crate::event::Channel::Text,
            },
        }
    }

    fn text(response: Response) -> String {
        match response.reply {
            Reply::Message(m) => m.content.unwrap_or_default(),
            other => panic!("{other:?}"),
        }
    }

    #[test]
    fn a_store_that_fails_gets_the_one_internal_sentence() {
        let dir = std::env::temp_dir().join(format!("exobot-gaps-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        let store = Store::open(&dir).unwrap();
        assert!(text(command(&store, &moderator(), 7, None, 0)).contains("does not keep"));
        // The table vanishes under the store (as a damaged file would).
        let raw = rusqlite::Connection::open(dir.join(crate::store::FILE)).unwrap();
        raw.execute_batch("DROP TABLE gaps").unwrap();
        assert_eq!(
            text(command(&store, &moderator(), 7, None, 0)),
            crate::internal::SOMETHING_WENT_WRONG
        );
        drop(store);
        std::fs::remove_dir_all(&dir).unwrap();
    }
}
