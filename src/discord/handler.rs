//! Serenity's event handler: each interaction becomes an Event for the core, and its Response
//! is sent back. Logs say what kind of interaction came and how it ended, never what it held.

use std::sync::Arc;

use serenity::all::{
    async_trait, CommandInteraction, ComponentInteraction, ComponentInteractionDataKind, Context,
    EventHandler, Interaction, ModalInteraction, Ready, ResumedEvent,
};
use tracing::{info, warn};

use super::health::Health;
use super::{check, convert};
use crate::app::{App, Command, Effect, Event};

pub struct Handler {
    pub app: Arc<App>,
    pub owners: Vec<u64>,
    pub health: Arc<Health>,
}

impl Handler {
    async fn command(&self, ctx: &Context, c: &CommandInteraction) {
        let actor = convert::actor(
            &c.user,
            c.member.as_deref(),
            c.channel_id.get(),
            &self.owners,
        );
        let command = convert::command(c);
        if let (Command::Check { clinic }, Some(_)) = (&command, c.guild_id) {
            check::start_in_server(ctx, &self.app, &actor, c, clinic.clone()).await;
            return;
        }
        let response = self.app.handle(&actor, Event::Command(command));
        let result = c
            .create_response(&ctx.http, convert::response(&response.reply))
            .await;
        self.finish(ctx, "command", c.channel_id, result, response.effect)
            .await;
    }

    async fn autocomplete(&self, ctx: &Context, c: &CommandInteraction) {
        let actor = convert::actor(
            &c.user,
            c.member.as_deref(),
            c.channel_id.get(),
            &self.owners,
        );
        let event = Event::Autocomplete {
            partial: convert::autocomplete_partial(c),
        };
        let response = self.app.handle(&actor, event);
        let result = c
            .create_response(&ctx.http, convert::response(&response.reply))
            .await;
        self.finish(ctx, "autocomplete", c.channel_id, result, response.effect)
            .await;
    }

    async fn component(&self, ctx: &Context, c: &ComponentInteraction) {
        let actor = convert::actor(&c.user, c.member.as_ref(), c.channel_id.get(), &self.owners);
        match c.data.custom_id.as_str() {
            check::TO_DMS => return check::move_to_dms(ctx, &self.app, &actor, c).await,
            check::DELETE => return check::delete(ctx, &actor, c).await,
            _ => {}
        }
        let values = match &c.data.kind {
            ComponentInteractionDataKind::StringSelect { values } => values.clone(),
            _ => Vec::new(),
        };
        let event = Event::Component {
            custom_id: c.data.custom_id.clone(),
            values,
            message: c.message.embeds.iter().map(convert::embed_from).collect(),
        };
        let mut response = self.app.handle(&actor, event);
        let private_thread = c
            .channel
            .as_ref()
            .is_some_and(|ch| ch.kind == serenity::all::ChannelType::PrivateThread);
        let report = check::is_report(&response.reply);
        if report && (private_thread || matches!(actor.place, crate::app::Place::DirectMessage)) {
            response.reply = check::with_delete_button(response.reply);
        }
        let result = c
            .create_response(&ctx.http, convert::response(&response.reply))
            .await;
        let answered = result.is_ok();
        self.finish(ctx, "component", c.channel_id, result, response.effect)
            .await;
        if answered && report && private_thread {
            check::close_thread(ctx, c.channel_id).await;
        }
    }

    async fn modal(&self, ctx: &Context, m: &ModalInteraction) {
        let actor = convert::actor(&m.user, m.member.as_ref(), m.channel_id.get(), &self.owners);
        let event = Event::ModalSubmit {
            custom_id: m.data.custom_id.clone(),
            fields: convert::modal_fields(m),
            message: m
                .message
                .as_ref()
                .map(|msg| msg.embeds.iter().map(convert::embed_from).collect())
                .unwrap_or_default(),
        };
        let response = self.app.handle(&actor, event);
        let result = m
            .create_response(&ctx.http, convert::response(&response.reply))
            .await;
        self.finish(ctx, "modal", m.channel_id, result, response.effect)
            .await;
    }

    async fn finish(
        &self,
        ctx: &Context,
        kind: &'static str,
        channel: serenity::all::ChannelId,
        result: serenity::Result<()>,
        effect: Option<Effect>,
    ) {
        match result {
            Ok(()) => info!(kind, outcome = "answered", "interaction"),
            Err(e) => {
                warn!(kind, outcome = "failed", error = %ErrorKind(&e), "interaction");
                return;
            }
        }
        if let Some(Effect::PostInChannel(message)) = effect {
            let sent = channel
                .send_message(&ctx.http, convert::channel_message(&message))
                .await;
            match sent {
                Ok(_) => info!(kind = "share", outcome = "posted", "channel message"),
                Err(e) => {
                    warn!(kind = "share", outcome = "failed", error = %ErrorKind(&e), "channel message")
                }
            }
        }
    }
}

/// A serenity error, described without the request it came from (URLs hold interaction tokens).
struct ErrorKind<'a>(&'a serenity::Error);

impl std::fmt::Display for ErrorKind<'_> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self.0 {
            serenity::Error::Http(serenity::http::HttpError::UnsuccessfulRequest(r)) => write!(
                f,
                "Discord answered {} (code {}): {}",
                r.status_code.as_u16(),
                r.error.code,
                r.error.message
            ),
            serenity::Error::Http(_) => f.write_str("HTTP request failed"),
            serenity::Error::Json(_) => f.write_str("unexpected JSON from Discord"),
            serenity::Error::Model(e) => write!(f, "refused before sending: {e}"),
            serenity::Error::Gateway(e) => write!(f, "gateway: {e}"),
            _ => f.write_str("other error"),
        }
    }
}

#[async_trait]
impl EventHandler for Handler {
    async fn interaction_create(&self, ctx: Context, interaction: Interaction) {
        match &interaction {
            Interaction::Command(c) => self.command(&ctx, c).await,
            Interaction::Autocomplete(c) => self.autocomplete(&ctx, c).await,
            Interaction::Component(c) => self.component(&ctx, c).await,
            Interaction::Modal(m) => self.modal(&ctx, m).await,
            _ => info!(kind = "other", outcome = "ignored", "interaction"),
        }
    }

    async fn ready(&self, _ctx: Context, ready: Ready) {
        self.health.set_connected(true);
        info!(user = %ready.user.name, guilds = ready.guilds.len(), "connected to Discord");
    }

    async fn resume(&self, _ctx: Context, _: ResumedEvent) {
        self.health.set_connected(true);
        info!("gateway session resumed");
    }

    async fn shard_stage_update(&self, _ctx: Context, event: serenity::all::ShardStageUpdateEvent) {
        let connected = matches!(event.new, serenity::all::ConnectionStage::Connected);
        self.health.set_connected(connected);
    }
}
