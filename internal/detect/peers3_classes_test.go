package detect

import "testing"

// TestPeers3CaseClasses: a key named "<word>_key" after something that is neither a
// provider the catalogue knows nor an owner of non-secret keys (cache, sort, routing…)
// holds an access key when its value looks generated (namedKey, namedKeyValue); the
// near misses around it stay quiet. Every string is written here.
func TestPeers3CaseClasses(t *testing.T) {
	e := Default()
	for _, c := range []struct {
		class, text, rule, value string
	}{
		{"named key, generated value", `weather_key=Rk4Tv8Mn3Bc6Yd1Hf5Gj0SQz7Wp2Lx9`, "generic-api-key", "Rk4Tv8Mn3Bc6Yd1Hf5Gj0SQz7Wp2Lx9"},
		{"named key, camelCase, quoted", `const geocoderKey = "Vb3Nm8Qw2Er7Ty5Ui1Op4As9Df6Gh0J"`, "generic-api-key", "Vb3Nm8Qw2Er7Ty5Ui1Op4As9Df6Gh0J"},
		{"named key, YAML", "maps:\n  tilesKey: Hj2Kl7Zx4Cv9Bn1Mq6Wp3Er8Ty5Ui0Oa\n", "generic-api-key", "Hj2Kl7Zx4Cv9Bn1Mq6Wp3Er8Ty5Ui0Oa"},
		{"glued api name takes any generated value", `geoapi_key: "9f3b7c1e5a2d8064b1c7e3f9a5d20864"`, "generic-api-key", "9f3b7c1e5a2d8064b1c7e3f9a5d20864"},
		// the value must look generated under a word that is not a key word
		// hex of a key's length, spread as random hex spreads, is a key (gates41.go:
		// keySizeHex); a digest's shorter hex is not
		{"named key, key-sized hex", `weather_key=9f3b7c1e5a2d8064b1c7e3f9a5d20864`, "generic-api-key", "9f3b7c1e5a2d8064b1c7e3f9a5d20864"},
		{"named key, hex of no key's length", `weather_key=9f3b7c1e5a2d8064b1c7e3f9a5d20864b1c7`, "", ""},
		{"named key, one letter case", `weather_key=rk4tv8mn3bc6yd1hf5gj0sqz7wp2lx9`, "", ""},
		{"named key, words", `weather_key=NorthWindSouthWindEastWind2`, "", ""},
		{"named key, a uuid", `weather_key=6f1c2a9e-3b7d-4e05-8a61-2c9d0f4b7e13`, "", ""},
		// owners of keys that are no secrets
		{"cache key", `cache_key=Rk4Tv8Mn3Bc6Yd1Hf5Gj0SQz7Wp2Lx9`, "", ""},
		{"routing key", `routingKey: "Rk4Tv8Mn3Bc6Yd1Hf5Gj0SQz7Wp2Lx9"`, "", ""},
		{"sort key", `"sort_key": "Rk4Tv8Mn3Bc6Yd1Hf5Gj0SQz7Wp2Lx9"`, "", ""},
		{"a key that says it is not working", `BAD_KEY=Rk4Tv8Mn3Bc6Yd1Hf5Gj0SQz7Wp2Lx9`, "", ""},
		{"a version, not a name", `v2_key=Rk4Tv8Mn3Bc6Yd1Hf5Gj0SQz7Wp2Lx9`, "", ""},
		// a provider the catalogue knows keeps its own shapes
		{"provider named key, another shape", `"AWS_key": "Rk4Tv8Mn3Bc6Yd1Hf5Gj0SQz7Wp2Lx9Rk4Tv8Mn3Bc6Yd1Hf5Gj0SQz7W"`, "", ""},
		// three segments are not this class
		{"three words", `north_wind_key=Rk4Tv8Mn3Bc6Yd1Hf5Gj0SQz7Wp2Lx9`, "", ""},
	} {
		checkClassCase(t, e, c.class, c.text, c.rule, c.value)
	}
}

// TestPeers3DiscordStructure: a Discord bot token is found without a key name when its
// first part decodes to a snowflake; dotted base64 whose first part decodes to anything
// else, or to a stand-in number, is not one.
func TestPeers3DiscordStructure(t *testing.T) {
	e := Default()
	for _, c := range []struct {
		class, text, rule, value string
	}{
		{"bare bot token", `client.login('OTIzODQ1NzE2MDI5NDgzNjQx.Yv8Kq2.Lm4Xp9Rz2Tw7Vb3Nc6Hd1Fg5Js0Ua8Ie')`, "discord-bot-token-structural", "OTIzODQ1NzE2MDI5NDgzNjQx.Yv8Kq2.Lm4Xp9Rz2Tw7Vb3Nc6Hd1Fg5Js0Ua8Ie"},
		{"bare bot token, 19-digit id", `MTE4MzkyMDQ3NTYxOTI4Mzc0Ng.Qx4Tz8.Pk2Wm7Rb3Nc9Vd1Hf6Gj0Sa5Ue8Io4Ly2`, "discord-bot-token-structural", "MTE4MzkyMDQ3NTYxOTI4Mzc0Ng.Qx4Tz8.Pk2Wm7Rb3Nc9Vd1Hf6Gj0Sa5Ue8Io4Ly2"},
		{"first part not digits", `ODQ3MjkxNTYwMzg0NTI3MzZ4.Yv8Kq2.Lm4Xp9Rz2Tw7Vb3Nc6Hd1Fg5Js0Ua8Ie`, "!discord-bot-token-structural", ""},
		{"a counting id", `MTIzNDU2Nzg5MDEyMzQ1Njc4.Yv8Kq2.Lm4Xp9Rz2Tw7Vb3Nc6Hd1Fg5Js0Ua8Ie`, "!discord-bot-token-structural", ""},
		{"inside a longer word", `xOTIzODQ1NzE2MDI5NDgzNjQx.Yv8Kq2.Lm4Xp9Rz2Tw7Vb3Nc6Hd1Fg5Js0Ua8Ie`, "!discord-bot-token-structural", ""},
	} {
		checkClassCase(t, e, c.class, c.text, c.rule, c.value)
	}
}
