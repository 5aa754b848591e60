//! Test databases: a SQLite file in a temporary directory, or a fresh PostgreSQL database.

use std::path::PathBuf;
use std::sync::atomic::{AtomicU32, Ordering};

use gezi_store::{Backend, DbUrl, Store};
use sqlx::Connection;

/// Runs each named `async fn(&TestDb)` as a test on SQLite and on PostgreSQL.
#[allow(unused_macros)]
macro_rules! on_both {
    ($($name:ident),* $(,)?) => {
        mod sqlite {
            $(#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
            async fn $name() {
                let db = super::TestDb::sqlite().await;
                super::$name(&db).await;
                db.finish().await;
            })*
        }
        mod postgres {
            $(#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
            async fn $name() {
                let db = super::TestDb::postgres().await;
                super::$name(&db).await;
                db.finish().await;
            })*
        }
    };
}

static NEXT: AtomicU32 = AtomicU32::new(0);

pub struct TestDb {
    pub store: Store,
    pub url: DbUrl,
    dir: Option<PathBuf>,
    pg_name: Option<String>,
}

fn unique(prefix: &str) -> String {
    format!(
        "{prefix}_{}_{}_{}",
        std::process::id(),
        NEXT.fetch_add(1, Ordering::SeqCst),
        std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .unwrap()
            .subsec_nanos()
    )
}

pub fn postgres_server() -> String {
    std::env::var("GEZI_TEST_POSTGRES")
        .unwrap_or_else(|_| "postgres://postgres@127.0.0.1:5432".into())
}

impl TestDb {
    pub async fn sqlite() -> TestDb {
        let dir = std::env::temp_dir().join(unique("gezi-store-test"));
        std::fs::create_dir_all(&dir).unwrap();
        let url = DbUrl::new(format!("sqlite://{}", dir.join("gezi.db").display()));
        let store = Store::open(&url).await.expect("open SQLite");
        TestDb {
            store,
            url,
            dir: Some(dir),
            pg_name: None,
        }
    }

    pub async fn postgres() -> TestDb {
        let server = postgres_server();
        let name = unique("gezi_test");
        let mut admin = sqlx::PgConnection::connect(&format!("{server}/postgres"))
            .await
            .unwrap_or_else(|e| {
                panic!("PostgreSQL at {server} is needed for these tests (.ci/run starts it): {e}")
            });
        sqlx::query(&format!("CREATE DATABASE {name}"))
            .execute(&mut admin)
            .await
            .unwrap();
        admin.close().await.unwrap();
        let url = DbUrl::new(format!("{server}/{name}"));
        let store = Store::open(&url).await.expect("open PostgreSQL");
        assert_eq!(store.backend(), Backend::Postgres);
        TestDb {
            store,
            url,
            dir: None,
            pg_name: Some(name),
        }
    }

    pub async fn finish(self) {
        self.store.close().await;
        if let Some(dir) = self.dir {
            let _ = std::fs::remove_dir_all(dir);
        }
        if let Some(name) = self.pg_name {
            let server = postgres_server();
            if let Ok(mut admin) = sqlx::PgConnection::connect(&format!("{server}/postgres")).await
            {
                let _ = sqlx::query(&format!("DROP DATABASE IF EXISTS {name}"))
                    .execute(&mut admin)
                    .await;
            }
        }
    }
}

impl TestDb {
    /// Runs SQL behind the store's back, over a connection of its own (to tamper).
    pub async fn raw_sql(&self, sql: &str) {
        match self.store.backend() {
            Backend::Sqlite => {
                let mut c = sqlx::SqliteConnection::connect(self.url.expose())
                    .await
                    .unwrap();
                sqlx::query(sql).execute(&mut c).await.unwrap();
            }
            Backend::Postgres => {
                let mut c = sqlx::PgConnection::connect(self.url.expose())
                    .await
                    .unwrap();
                sqlx::query(sql).execute(&mut c).await.unwrap();
            }
        }
    }
}
