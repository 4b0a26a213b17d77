//! States with one textual form each, shared by Rust, SQL and the protocols.
//!
//! [`text_enum!`](crate::text_enum) declares an enum whose variants each name the text that
//! the database's `CHECK` constraint, the JSON of the API and the console protocol all use.
//! Reading a stored value back goes through `FromStr`, which fails loudly (an internal error
//! naming the type and the value) instead of defaulting, so corrupt rows are noticed.

/// Declares a state enum: `text_enum! { pub enum OrderState { Open = "open", ... } }`.
///
/// The enum derives `Debug, Clone, Copy, PartialEq, Eq, Hash` and serde's traits (each variant
/// renamed to its text), and gets `ALL`, `as_str`, `Display` and `FromStr` with
/// [`crate::Error`] as its error. Further derives (`utoipa::ToSchema`, `JsonSchema`) go on
/// the declaration as attributes.
#[macro_export]
macro_rules! text_enum {
    (
        $(#[$meta:meta])*
        $vis:vis enum $name:ident {
            $( $(#[$vmeta:meta])* $variant:ident = $text:literal ),+ $(,)?
        }
    ) => {
        $(#[$meta])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, serde::Serialize, serde::Deserialize)]
        $vis enum $name {
            $( $(#[$vmeta])* #[serde(rename = $text)] $variant ),+
        }

        impl $name {
            /// Every state, in declaration order.
            pub const ALL: &'static [Self] = &[$(Self::$variant),+];

            /// The one textual form of this state.
            pub const fn as_str(self) -> &'static str {
                match self {
                    $(Self::$variant => $text),+
                }
            }
        }

        impl ::std::fmt::Display for $name {
            fn fmt(&self, f: &mut ::std::fmt::Formatter<'_>) -> ::std::fmt::Result {
                f.write_str(self.as_str())
            }
        }

        impl ::std::str::FromStr for $name {
            type Err = $crate::Error;

            fn from_str(s: &str) -> ::std::result::Result<Self, Self::Err> {
                match s {
                    $($text => Ok(Self::$variant),)+
                    other => Err($crate::Error::Internal(format!(
                        "unknown {} {:?} read back",
                        stringify!($name),
                        other.chars().take(40).collect::<String>()
                    ))),
                }
            }
        }
    };
}

#[cfg(test)]
mod tests {
    crate::text_enum! {
        /// A test state.
        pub enum Light { Red = "red", Green = "green_light" }
    }

    #[test]
    fn one_text_everywhere() {
        assert_eq!(Light::Green.as_str(), "green_light");
        assert_eq!(Light::Green.to_string(), "green_light");
        assert_eq!("red".parse::<Light>().ok(), Some(Light::Red));
        assert!("Red".parse::<Light>().is_err());
        assert_eq!(
            serde_json::to_string(&Light::ALL).ok().as_deref(),
            Some(r#"["red","green_light"]"#)
        );
        assert_eq!(
            serde_json::from_str::<Light>(r#""green_light""#).ok(),
            Some(Light::Green)
        );
    }
}
