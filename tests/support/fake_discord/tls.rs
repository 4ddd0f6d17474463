//! TLS for `start_tls`: a self-signed certificate for discord.com (rcgen, ring), a rustls server
//! config for the fake, and a reqwest client that trusts only that certificate and resolves
//! discord.com to the fake.

use std::net::SocketAddr;
use std::sync::Arc;

use tokio_rustls::rustls::crypto::ring;
use tokio_rustls::rustls::pki_types::{CertificateDer, PrivateKeyDer, PrivatePkcs8KeyDer};
use tokio_rustls::rustls::ServerConfig;
use tokio_rustls::TlsAcceptor;

/// The server side and the certificate a client must trust.
pub(super) struct Tls {
    pub(super) acceptor: TlsAcceptor,
    pub(super) certificate: CertificateDer<'static>,
}

pub(super) fn server() -> Tls {
    let generated = rcgen::generate_simple_self_signed(vec!["discord.com".to_owned()])
        .expect("rcgen generates a self-signed certificate for discord.com");
    let certificate = generated.cert.der().clone();
    let key = PrivateKeyDer::Pkcs8(PrivatePkcs8KeyDer::from(
        generated.signing_key.serialize_der(),
    ));
    let mut config = ServerConfig::builder_with_provider(Arc::new(ring::default_provider()))
        .with_safe_default_protocol_versions()
        .expect("the ring provider supports the default TLS versions")
        .with_no_client_auth()
        .with_single_cert(vec![certificate.clone()], key)
        .expect("rustls accepts the rcgen certificate and key");
    config.alpn_protocols = vec![b"http/1.1".to_vec()];
    Tls {
        acceptor: TlsAcceptor::from(Arc::new(config)),
        certificate,
    }
}

/// A reqwest client for serenity's `HttpBuilder::client`: https://discord.com goes to `address`
/// and only the fake's certificate is trusted, so nothing can reach the real Discord.
pub(super) fn client(
    certificate: &CertificateDer<'static>,
    address: SocketAddr,
) -> reqwest::Client {
    let certificate = reqwest::Certificate::from_der(certificate)
        .expect("reqwest reads the DER certificate rcgen produced");
    reqwest::Client::builder()
        .use_rustls_tls()
        .tls_built_in_root_certs(false)
        .add_root_certificate(certificate)
        .resolve("discord.com", address)
        .no_proxy()
        .build()
        .expect("the reqwest client for the TLS fake builds")
}
