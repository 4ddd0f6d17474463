//! The proof that exobot scales out, on one machine: three `exobot serve` processes behind
//! nginx sharing one PostgreSQL database, the fake Discord posting signed interactions through
//! nginx at a steady rate, one instance killed with SIGKILL in the middle and started again.
//!
//! It needs nginx and PostgreSQL, so a plain `cargo test` skips it (`#[ignore]`);
//! `scripts/scale-proof.sh` installs and starts both from the distribution's packages and runs
//! it, and CI runs that script. It prints its figures on lines starting `scale:`.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::sync::Arc;
use std::time::{Duration, Instant};

use serde_json::{json, Value};

use crate::e2e;
use crate::support::{self, permissions, FakeDiscord, Place, Scratch};

/// The administrator connection the proof creates its own database with.
const DATABASE_VAR: &str = "TEST_DATABASE_URL";
/// How long an interaction may wait for its answer before it counts as lost: Discord's window.
const DEADLINE: Duration = Duration::from_secs(3);
const GUILD: u64 = 960_000_000_000_000_001;
const SECRET: &str = "scale proof secret";

/// A free port on 127.0.0.1, from the kernel (bound to port 0 and released).
fn free_port() -> u16 {
    let listener = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    listener.local_addr().unwrap().port()
}

/// A database of its own on the server `TEST_DATABASE_URL` names; dropped at the end.
struct Database {
    admin: String,
    name: String,
    url: String,
}

impl Database {
    async fn create() -> Database {
        let admin = std::env::var(DATABASE_VAR).unwrap_or_else(|_| {
            panic!("{DATABASE_VAR} is not set: run scripts/scale-proof.sh, which sets it")
        });
        let name = format!(
            "exobot_scale_{}_{}",
            std::process::id(),
            std::time::SystemTime::now()
                .duration_since(std::time::UNIX_EPOCH)
                .unwrap()
                .subsec_nanos()
        );
        let (client, connection) = tokio_postgres::connect(&admin, tokio_postgres::NoTls)
            .await
            .unwrap();
        tokio::spawn(connection);
        client
            .batch_execute(&format!("CREATE DATABASE {name}"))
            .await
            .unwrap();
        let mut url = url::Url::parse(&admin).unwrap();
        url.set_path(&name);
        Database {
            admin,
            name,
            url: url.to_string(),
        }
    }

    async fn query(&self, sql: &str) -> Vec<tokio_postgres::Row> {
        let (client, connection) = tokio_postgres::connect(&self.url, tokio_postgres::NoTls)
            .await
            .unwrap();
        tokio::spawn(connection);
        client.query(sql, &[]).await.unwrap()
    }
}

impl Drop for Database {
    /// Drops the database, also when the proof failed (on a thread of its own: the test's
    /// runtime may be unwinding).
    fn drop(&mut self) {
        let (admin, name) = (self.admin.clone(), self.name.clone());
        let dropped = std::thread::spawn(move || {
            let runtime = tokio::runtime::Builder::new_current_thread()
                .enable_all()
                .build()
                .unwrap();
            runtime.block_on(async move {
                let (client, connection) =
                    tokio_postgres::connect(&admin, tokio_postgres::NoTls).await?;
                tokio::spawn(connection);
                client
                    .batch_execute(&format!("DROP DATABASE IF EXISTS {name} WITH (FORCE)"))
                    .await
            })
        });
        if let Ok(Err(e)) = dropped.join() {
            eprintln!(
                "scale: could not drop the proof's database {}: {e}",
                self.name
            );
        }
    }
}

/// One `exobot serve` process.
struct Instance {
    http: u16,
    health: u16,
    child: Option<Child>,
    log: PathBuf,
}

impl Instance {
    fn start(fake: &FakeDiscord, kb: &Path, data: &Path, database: &str, n: usize) -> Instance {
        let mut instance = Instance {
            http: free_port(),
            health: free_port(),
            child: None,
            log: data.join(format!("instance-{n}.log")),
        };
        instance.spawn(fake, kb, data, database);
        instance
    }

    fn spawn(&mut self, fake: &FakeDiscord, kb: &Path, data: &Path, database: &str) {
        let log = std::fs::OpenOptions::new()
            .create(true)
            .append(true)
            .open(&self.log)
            .unwrap();
        let key = e2e::bot::signing_key().verifying_key();
        let child = Command::new(env!("CARGO_BIN_EXE_exobot"))
            .arg("serve")
            .env_clear()
            .env("PATH", std::env::var_os("PATH").unwrap_or_default())
            .env("DISCORD_TOKEN", FakeDiscord::BOT_TOKEN)
            .env("DISCORD_PUBLIC_KEY", hex::encode(key.as_bytes()))
            .env("EXOBOT_PROXY_URL", fake.proxy_url())
            .env("EXOBOT_HTTP_ADDR", format!("127.0.0.1:{}", self.http))
            .env("EXOBOT_HEALTH_ADDR", format!("127.0.0.1:{}", self.health))
            .env("EXOBOT_DATA_DIR", data)
            .env("EXOBOT_KNOWLEDGE_DIR", kb)
            .env("EXOBOT_DATABASE_URL", database)
            .env("EXOBOT_STATE_SECRET", SECRET)
            .env("EXOBOT_LOG_LEVEL", "warn")
            .stdin(Stdio::null())
            .stdout(Stdio::null())
            .stderr(log)
            .spawn()
            .unwrap();
        self.child = Some(child);
    }

    /// Waits until its health endpoint says it serves.
    async fn ready(&self) {
        let deadline = Instant::now() + Duration::from_secs(20);
        let url = format!("http://127.0.0.1:{}/health", self.health);
        loop {
            if let Ok(answer) = reqwest::get(&url).await {
                if answer.status() == 200 {
                    return;
                }
            }
            assert!(
                Instant::now() < deadline,
                "instance on {} not ready; its log:\n{}",
                self.http,
                std::fs::read_to_string(&self.log).unwrap_or_default()
            );
            tokio::time::sleep(Duration::from_millis(50)).await;
        }
    }

    fn kill(&mut self) {
        if let Some(mut child) = self.child.take() {
            child.kill().unwrap(); // SIGKILL
            child.wait().unwrap();
        }
    }

    fn signal(&self, name: &str) {
        let pid = self.child.as_ref().unwrap().id();
        let status = Command::new("kill")
            .arg(format!("-{name}"))
            .arg(pid.to_string())
            .status()
            .unwrap();
        assert!(status.success());
    }

    async fn metrics(&self) -> String {
        e2e::bot::scrape(([127, 0, 0, 1], self.health).into()).await
    }
}

impl Drop for Instance {
    fn drop(&mut self) {
        self.kill();
    }
}

/// nginx in front of the instances: `one` proxies to the first instance only, `all` to the
/// three. It tries another instance only when the connection to one fails before an answer
/// header came (refused, or reset by a killed instance: `proxy_next_upstream error
/// non_idempotent`), never after a timeout and never once a byte of an answer was passed on, so
/// Discord gets one answer per request; a retried share posts once (the message's nonce).
struct Nginx {
    child: Child,
    one: u16,
    all: u16,
}

fn nginx_binary() -> PathBuf {
    ["/usr/sbin/nginx", "/usr/local/sbin/nginx", "/usr/bin/nginx"]
        .iter()
        .map(PathBuf::from)
        .find(|p| p.exists())
        .expect("nginx is installed (scripts/scale-proof.sh installs it)")
}

impl Nginx {
    fn start(dir: &Path, instances: &[&Instance]) -> Nginx {
        let (one, all) = (free_port(), free_port());
        let servers: String = instances
            .iter()
            .map(|i| {
                format!(
                    "        server 127.0.0.1:{} max_fails=1 fail_timeout=2s;\n",
                    i.http
                )
            })
            .collect();
        let d = dir.display();
        let config = format!(
            "worker_processes 1;\n\
             daemon off;\n\
             pid {d}/nginx.pid;\n\
             error_log {d}/nginx-error.log warn;\n\
             events {{ worker_connections 4096; }}\n\
             http {{\n\
                 access_log off;\n\
                 client_body_temp_path {d}/body;\n\
                 proxy_temp_path {d}/proxy;\n\
                 fastcgi_temp_path {d}/fastcgi;\n\
                 uwsgi_temp_path {d}/uwsgi;\n\
                 scgi_temp_path {d}/scgi;\n\
                 client_max_body_size 4m;\n\
                 client_body_buffer_size 4m;\n\
                 upstream one {{\n        server 127.0.0.1:{first};\n    }}\n\
                 upstream all {{\n{servers}    }}\n\
                 server {{\n\
                     listen 127.0.0.1:{one};\n\
                     location / {{ proxy_pass http://one; }}\n\
                 }}\n\
                 server {{\n\
                     listen 127.0.0.1:{all};\n\
                     location / {{\n\
                         proxy_pass http://all;\n\
                         proxy_next_upstream error non_idempotent;\n\
                         proxy_next_upstream_tries 3;\n\
                         proxy_connect_timeout 1s;\n\
                         proxy_read_timeout 3s;\n\
                     }}\n\
                 }}\n\
             }}\n",
            first = instances[0].http,
        );
        let path = dir.join("nginx.conf");
        std::fs::write(&path, config).unwrap();
        let child = Command::new(nginx_binary())
            .arg("-c")
            .arg(&path)
            .arg("-p")
            .arg(dir)
            .stdin(Stdio::null())
            .stdout(Stdio::null())
            .stderr(Stdio::inherit())
            .spawn()
            .unwrap();
        Nginx { child, one, all }
    }

    async fn ready(&self) {
        let deadline = Instant::now() + Duration::from_secs(10);
        while tokio::net::TcpStream::connect(("127.0.0.1", self.all))
            .await
            .is_err()
        {
            assert!(Instant::now() < deadline, "nginx did not start");
            tokio::time::sleep(Duration::from_millis(50)).await;
        }
    }

    fn url(port: u16) -> String {
        format!("http://127.0.0.1:{port}{}", exobot::discord::webhook::PATH)
    }
}

impl Drop for Nginx {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

fn place(channel_id: u64, user_id: u64) -> Place {
    Place::Guild {
        guild_id: GUILD,
        channel_id,
        user_id,
        permissions: permissions::MEMBER,
    }
}

fn fact(topic: &str, at: Place) -> Value {
    support::slash_command(
        "fact",
        json!([{ "name": "topic", "type": 3, "value": topic }]),
        at,
    )
}

fn ask(question: &str, at: Place) -> Value {
    support::slash_command(
        "ask",
        json!([{ "name": "question", "type": 3, "value": question }]),
        at,
    )
}

/// The latency at quantile `q` (0..=1), in milliseconds.
fn quantile(latencies: &mut [Duration], q: f64) -> f64 {
    if latencies.is_empty() {
        return f64::NAN;
    }
    latencies.sort();
    let index = ((latencies.len() as f64 - 1.0) * q).round() as usize;
    latencies[index].as_secs_f64() * 1000.0
}

/// Closed loop: `workers` members each asking for a fact, one after another, for `length`.
/// Returns the answers per second and every latency.
async fn closed_loop(
    fake: &Arc<FakeDiscord>,
    workers: u64,
    length: Duration,
) -> (f64, Vec<Duration>, usize) {
    let started = Instant::now();
    let mut tasks = Vec::new();
    for worker in 0..workers {
        let fake = Arc::clone(fake);
        tasks.push(tokio::spawn(async move {
            let mut latencies = Vec::new();
            let mut lost = 0;
            while started.elapsed() < length {
                let asked = Instant::now();
                let at = place(
                    970_000_000_000_000_000 + worker,
                    980_000_000_000_000_000 + worker,
                );
                match fake.interact_within(fact("fda-status", at), DEADLINE).await {
                    Some(_) => latencies.push(asked.elapsed()),
                    None => lost += 1,
                }
            }
            (latencies, lost)
        }));
    }
    let mut all = Vec::new();
    let mut lost = 0;
    for task in tasks {
        let (latencies, l) = task.await.unwrap();
        all.extend(latencies);
        lost += l;
    }
    let rate = all.len() as f64 / started.elapsed().as_secs_f64();
    (rate, all, lost)
}

/// The steady run's `n`th interaction, a share, shares in channel `SHARED_IN + n`.
const SHARED_IN: u64 = 1_000_000_000_000_000_000;

/// What happened to one interaction of the steady run.
struct Outcome {
    sent_at: Duration,
    latency: Option<Duration>,
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
#[ignore = "needs nginx and PostgreSQL: run scripts/scale-proof.sh"]
async fn three_instances_behind_nginx_share_postgres_and_lose_nothing_when_one_is_killed() {
    let fake = Arc::new(FakeDiscord::start().await);
    let database = Database::create().await;
    let dir = Scratch::created("scale");
    let kb = e2e::bot::copy_of_shipped_knowledge("scale-kb");
    let mut instances: Vec<Instance> = (0..3)
        .map(|n| {
            let data = dir.join(format!("data-{n}"));
            std::fs::create_dir_all(&data).unwrap();
            Instance::start(&fake, &kb, &data, &database.url, n)
        })
        .collect();
    for instance in &instances {
        instance.ready().await;
    }
    let nginx = Nginx::start(&dir, &instances.iter().collect::<Vec<_>>());
    nginx.ready().await;
    let key = e2e::bot::signing_key();

    // Throughput and p99 through nginx: one instance, then three.
    fake.deliver_to(Nginx::url(nginx.one), key.clone());
    let (rate_one, mut one, lost_one) = closed_loop(&fake, 8, Duration::from_secs(4)).await;
    fake.deliver_to(Nginx::url(nginx.all), key.clone());
    let (rate_all, mut all, lost_all) = closed_loop(&fake, 8, Duration::from_secs(4)).await;
    println!(
        "scale: closed loop, 8 members, fact answers through nginx: 1 instance {rate_one:.0}/s \
         (p99 {:.1} ms, {lost_one} lost), 3 instances {rate_all:.0}/s (p99 {:.1} ms, \
         {lost_all} lost); all on this machine's 2 cores",
        quantile(&mut one, 0.99),
        quantile(&mut all, 0.99)
    );
    assert_eq!((lost_one, lost_all), (0, 0));

    // A steady rate through nginx to the three; the second instance is killed with SIGKILL at
    // KILL_AT and started again at RESTART_AT. Every tenth interaction shares a fact in a
    // channel of its own, so each share must post exactly once.
    const RATE: u64 = 100;
    const LENGTH: Duration = Duration::from_secs(12);
    const KILL_AT: Duration = Duration::from_secs(4);
    const RESTART_AT: Duration = Duration::from_secs(8);
    let started = Instant::now();
    let mut tasks = Vec::new();
    let mut killed = false;
    let mut restarted = false;
    let mut shares = 0u64;
    let total = RATE * LENGTH.as_secs();
    for n in 0..total {
        let due = Duration::from_micros(n * 1_000_000 / RATE);
        if let Some(wait) = due.checked_sub(started.elapsed()) {
            tokio::time::sleep(wait).await;
        }
        if !killed && started.elapsed() >= KILL_AT {
            instances[1].kill();
            killed = true;
        }
        if !restarted && started.elapsed() >= RESTART_AT {
            let data = dir.join("data-1");
            instances[1].spawn(&fake, &kb, &data, &database.url);
            restarted = true;
        }
        let fake = Arc::clone(&fake);
        let user = 990_000_000_000_000_000 + n;
        let sent_at = started.elapsed();
        let share = n % 10 == 0;
        if share {
            shares += 1;
        }
        tasks.push(tokio::spawn(async move {
            let asked = Instant::now();
            let answered = if share {
                let at = place(SHARED_IN + n, user);
                let shown = fact("nebraska-adverse-events", at);
                match fake.interact_within(shown.clone(), DEADLINE).await {
                    Some(_) => {
                        let original = fake.original_response(&shown).unwrap();
                        let press = support::button("share:nebraska-adverse-events", original, at);
                        fake.interact_within(press, DEADLINE).await
                    }
                    None => None,
                }
            } else if n % 3 == 0 {
                let question = "is exosome therapy FDA approved?";
                fake.interact_within(
                    ask(question, place(1_100_000_000_000_000_000, user)),
                    DEADLINE,
                )
                .await
            } else {
                fake.interact_within(
                    fact("fda-status", place(1_100_000_000_000_000_000, user)),
                    DEADLINE,
                )
                .await
            };
            Outcome {
                sent_at,
                latency: answered.map(|_| asked.elapsed()),
            }
        }));
    }
    let mut outcomes = Vec::new();
    for task in tasks {
        outcomes.push(task.await.unwrap());
    }
    let lost = outcomes.iter().filter(|o| o.latency.is_none()).count();
    let mut overall: Vec<Duration> = outcomes.iter().filter_map(|o| o.latency).collect();
    let mut during: Vec<Duration> = outcomes
        .iter()
        .filter(|o| o.sent_at >= KILL_AT && o.sent_at < RESTART_AT)
        .filter_map(|o| o.latency)
        .collect();
    let throughput = overall.len() as f64 / started.elapsed().as_secs_f64();
    println!(
        "scale: steady {RATE}/s for {} s through nginx to 3 instances, instance 2 SIGKILLed at \
         {} s and started again at {} s: {total} sent, {} answered, {lost} lost, {throughput:.0}/s; \
         p99 {:.1} ms overall, {:.1} ms while it was down",
        LENGTH.as_secs(),
        KILL_AT.as_secs(),
        RESTART_AT.as_secs(),
        overall.len(),
        quantile(&mut overall, 0.99),
        quantile(&mut during, 0.99)
    );
    assert_eq!(lost, 0, "every interaction answered");
    let violations = fake.violations();
    assert!(violations.is_empty(), "{violations:#?}");

    // Every share posted once, and recorded once, whichever instance took it. A share that a
    // killed instance had sent, retried by nginx on another, sends again with the same nonce
    // and gets the same message back: sends may outnumber messages, messages may not.
    let sends = fake
        .requests()
        .iter()
        .filter(|r| r.method == "POST" && r.path.ends_with("/messages") && r.status == 200)
        .count();
    let per_channel: BTreeMap<u64, usize> = (0..total)
        .filter(|n| n % 10 == 0)
        .map(|n| {
            let channel = SHARED_IN + n;
            (channel, fake.messages(channel).len())
        })
        .collect();
    let posted = per_channel.values().sum::<usize>();
    assert_eq!(posted as u64, shares, "one post per share: {per_channel:?}");
    assert!(per_channel.values().all(|n| *n == 1), "{per_channel:?}");
    let rows = database
        .query("SELECT count(*) AS rows, count(DISTINCT message_id) AS posts FROM posts")
        .await;
    let (rows, distinct): (i64, i64) = (rows[0].get("rows"), rows[0].get("posts"));
    println!(
        "scale: {shares} shares, {posted} posts made in {sends} sends, {rows} recorded \
         ({distinct} distinct)"
    );
    assert_eq!((rows, distinct), (shares as i64, shares as i64));

    // A reload on every instance: each post is edited exactly once, whichever instance edits it.
    instances[1].ready().await;
    let topics = kb.join("topics-regulation.toml");
    let text = std::fs::read_to_string(&topics).unwrap();
    std::fs::write(
        &topics,
        text.replace(
            "title = \"What happened in Nebraska in 2019?\"",
            "title = \"What happened in Nebraska in 2019? (revised)\"",
        ),
    )
    .unwrap();
    for instance in &instances {
        instance.signal("HUP");
    }
    let edits = |fake: &FakeDiscord| {
        let mut per_post: BTreeMap<String, usize> = BTreeMap::new();
        for r in fake.requests() {
            if r.method == "PATCH"
                && r.path.contains("/messages/")
                && r.path.starts_with("/channels/")
            {
                *per_post.entry(r.path).or_default() += 1;
            }
        }
        per_post
    };
    let deadline = Instant::now() + Duration::from_secs(20);
    while (edits(&fake).len() as u64) < shares && Instant::now() < deadline {
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    // Time for a late second edit to show up, if an instance were to make one.
    tokio::time::sleep(Duration::from_secs(2)).await;
    let per_post = edits(&fake);
    println!(
        "scale: after a reload on all 3 instances, {} of {shares} posts edited, {} more than once",
        per_post.len(),
        per_post.values().filter(|n| **n > 1).count()
    );
    assert_eq!(per_post.len() as u64, shares);
    assert!(per_post.values().all(|n| *n == 1), "{per_post:?}");

    // Refused through nginx and counted by whichever instance got them.
    let url = Nginx::url(nginx.all);
    let ping = br#"{"id":"1","application_id":"2","type":1,"token":"t","version":1}"#;
    let now = support::timestamp_now();
    let stranger = ed25519_dalek::SigningKey::from_bytes(&[9; 32]);
    let old = (now.parse::<u64>().unwrap() - 600).to_string();
    let big = vec![b' '; exobot::discord::webhook::MAX_BODY + 1];
    let client = reqwest::Client::new();
    let mut statuses = Vec::new();
    for (body, timestamp, signer) in [
        (&ping[..], now.as_str(), &stranger),
        (&ping[..], now.as_str(), &stranger),
        (&ping[..], old.as_str(), &key),
        (&big[..], now.as_str(), &key),
    ] {
        let mut request = client.post(&url).body(body.to_vec());
        for (name, value) in support::sign(signer, timestamp, body) {
            request = request.header(name, value);
        }
        statuses.push(request.send().await.unwrap().status().as_u16());
    }
    assert_eq!(statuses, [401, 401, 401, 413]);
    let mut counted: BTreeMap<String, f64> = BTreeMap::new();
    for instance in &instances {
        for line in instance.metrics().await.lines() {
            if let Some(rest) = line.strip_prefix("exobot_webhook_refused_total{reason=\"") {
                let (reason, value) = rest.split_once("\"} ").unwrap();
                *counted.entry(reason.to_owned()).or_default() += value.parse::<f64>().unwrap();
            }
        }
    }
    println!("scale: refused through nginx and counted: {counted:?}");
    assert_eq!(counted.get("bad_signature"), Some(&2.0));
    assert_eq!(counted.get("stale_timestamp"), Some(&1.0));
    assert_eq!(counted.get("too_large"), Some(&1.0));

    // A share whose instance is SIGKILLed after Discord made the post but before it answered,
    // delivered again to another instance (as nginx's `proxy_next_upstream` does): it is still
    // its own claim, Discord gives back the same message for its nonce, one post is made and
    // recorded, and the member is told it is posted.
    let channel = SHARED_IN - 1;
    let at = place(channel, 990_000_000_000_000_999);
    let shown = fact("nebraska-adverse-events", at);
    fake.deliver_to(Nginx::url(nginx.one), key.clone());
    fake.interact_within(shown.clone(), DEADLINE).await.unwrap();
    let original = fake.original_response(&shown).unwrap();
    let press = support::button("share:nebraska-adverse-events", original, at);
    let posts_at = format!("/channels/{channel}/messages");
    fake.delay_next("POST", &posts_at, Duration::from_secs(10));
    fake.deliver_to(Nginx::url(instances[2].http), key.clone());
    fake.send_interaction(press.clone()).await;
    fake.wait_for_request("POST", &posts_at).await;
    instances[2].kill();
    fake.deliver_to(Nginx::url(instances[0].http), key.clone());
    fake.interact_within(press.clone(), DEADLINE).await.unwrap();
    let told = fake.told(&press).await["content"].clone();
    let sends = fake
        .requests()
        .iter()
        .filter(|r| r.method == "POST" && r.path == posts_at)
        .count();
    let made = fake.messages(channel);
    let recorded = database
        .query(&format!(
            "SELECT count(*) AS rows FROM posts WHERE channel_id = {channel}"
        ))
        .await;
    let recorded: i64 = recorded[0].get("rows");
    println!(
        "scale: a share whose instance was killed mid-post, delivered again to another: {sends} \
         sends, {} post made, {recorded} recorded, told {told:?}",
        made.len()
    );
    assert_eq!(told, json!("Posted in this channel."));
    assert_eq!((sends, made.len(), recorded), (2, 1, 1));
    let id = press["id"].as_str().unwrap();
    let deadline = Instant::now() + Duration::from_secs(5);
    while fake.violations().is_empty() && Instant::now() < deadline {
        tokio::time::sleep(Duration::from_millis(20)).await;
    }
    let violations = fake.violations();
    assert!(
        violations.len() == 1
            && violations[0].starts_with(&format!("webhook delivery of interaction {id}:")),
        "only the killed instance's delivery failed: {violations:#?}"
    );

    drop(nginx);
    for mut instance in instances.drain(..) {
        instance.kill();
    }
    drop(database);
}
