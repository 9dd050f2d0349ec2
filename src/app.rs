//! Building and running the web application. `App::build` binds the
//! listener and returns the address, so tests start the real server on
//! port 0 and learn where it is.

use std::net::SocketAddr;

use tokio::net::TcpListener;

use crate::service::Ctx;

pub struct App {
    ctx: Ctx,
    listener: TcpListener,
}

impl App {
    /// Bind the configured address with an opened context.
    pub async fn build(ctx: Ctx) -> anyhow::Result<App> {
        let addr = ctx.config().listen;
        let listener = TcpListener::bind(addr)
            .await
            .map_err(|e| anyhow::anyhow!("cannot listen on {addr}: {e}"))?;
        Ok(App { ctx, listener })
    }

    pub fn local_addr(&self) -> SocketAddr {
        self.listener
            .local_addr()
            .expect("a bound listener has an address")
    }

    /// Serve until the future `shutdown` completes.
    pub async fn run_until(
        self,
        shutdown: impl std::future::Future<Output = ()> + Send + 'static,
    ) -> anyhow::Result<()> {
        self.run_wrapped(shutdown, |router| router).await
    }

    /// Serve like `run_until`, with the router passed through `wrap` first:
    /// the API test suite adds a layer there that checks every response
    /// against the OpenAPI document.
    pub async fn run_wrapped(
        self,
        shutdown: impl std::future::Future<Output = ()> + Send + 'static,
        wrap: impl FnOnce(axum::Router) -> axum::Router,
    ) -> anyhow::Result<()> {
        let router = wrap(crate::http::router(self.ctx.clone()));
        let ctx = self.ctx.clone();
        tokio::spawn(async move { crate::service::health::check_integrity(&ctx).await });
        axum::serve(
            self.listener,
            router.into_make_service_with_connect_info::<SocketAddr>(),
        )
        .with_graceful_shutdown(shutdown)
        .await?;
        self.ctx.db().close().await;
        Ok(())
    }

    /// Serve until Ctrl-C or SIGTERM.
    pub async fn run(self) -> anyhow::Result<()> {
        self.run_until(shutdown_signal()).await
    }
}

async fn shutdown_signal() {
    let ctrl_c = async {
        tokio::signal::ctrl_c().await.ok();
    };
    #[cfg(unix)]
    let term = async {
        if let Ok(mut s) = tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate())
        {
            s.recv().await;
        }
    };
    #[cfg(not(unix))]
    let term = std::future::pending::<()>();
    tokio::select! {
        _ = ctrl_c => {},
        _ = term => {},
    }
    tracing::info!("shutting down");
}
