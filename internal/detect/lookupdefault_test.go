package detect

import "testing"

// A secret hard-coded as the default of an environment or configuration lookup
// stands under the name looked up (lookupdefault.go). Strings written for the test.
func TestLookupFallback(t *testing.T) {
	held5Want(t, []held5Case{
		{`const apiKey = process.env.API_KEY || "q8Zr4TkW2mXv9PbL7sNc3HdF";`, "generic-api-key", "q8Zr4TkW2mXv9PbL7sNc3HdF"},
		{`const dbPassword = process.env.DB_PASSWORD || "Winter2024!Blue";`, "password-assignment", "Winter2024!Blue"},
		{`const secret = process.env.JWT_SECRET ?? 'Kp7#mQ2vRz9!xL4w';`, "generic-api-key", "Kp7#mQ2vRz9!xL4w"},
		{`const k = import.meta.env.VITE_API_KEY ?? "q8Zr4TkW2mXv9PbL7sNc3HdF"`, "generic-api-key", "q8Zr4TkW2mXv9PbL7sNc3HdF"},
		{`db_password = ENV["DB_PASSWORD"] || "Quokka7Mango!"`, "password-assignment", "Quokka7Mango!"},
		{`token = ENV.fetch("GITHUB_TOKEN") { "Mn5Bv7Cx9Zl2Kj4Hg6Fd" }`, "generic-api-key", "Mn5Bv7Cx9Zl2Kj4Hg6Fd"},
		{`var pw = Environment.GetEnvironmentVariable("DB_PASSWORD") ?? "Heron64Marsh!";`, "password-assignment", "Heron64Marsh!"},
		{`var conn = configuration["Smtp:Password"] ?? "Lynx19Canyon";`, "password-assignment", "Lynx19Canyon"},
		{`$pw = getenv('DB_PASSWORD') ?: 'Walrus88Tundra';`, "password-assignment", "Walrus88Tundra"},
		{`$secret = $_ENV['APP_SECRET'] ?? 'Bison27Prairie!';`, "generic-api-key", "Bison27Prairie!"},
		{`password = os.environ.get("DB_PASSWORD") or "Sunflower88x"`, "password-assignment", "Sunflower88x"},
		{`my $pw = $ENV{DB_PASSWORD} || "Gannet!3390Wold";`, "password-assignment", "Gannet!3390Wold"},
		{`let key = env::var("API_KEY").unwrap_or("Zq8mVt3LpR7wKs2NbX4cY6dE".to_string());`, "generic-api-key", "Zq8mVt3LpR7wKs2NbX4cY6dE"},
		{`String tok = Optional.ofNullable(System.getenv("AUTH_TOKEN")).orElse("Hn4Jm6Kl8Zx0Cv2Bn5");`, "generic-api-key", "Hn4Jm6Kl8Zx0Cv2Bn5"},
	})
	h11Quiet(t, []string{
		`const pw = process.env.DB_PASSWORD || "";`,
		`const pw = process.env.DB_PASSWORD || "changeme";`,
		`const tok = process.env.API_TOKEN || "your-api-token";`,
		`const tok = process.env.API_TOKEN || "<token>";`,
		`const pw = process.env.DB_PASSWORD || "Quokka7" + suffix;`,
		`const label = process.env.PASSWORD_LABEL || "Password:";`,
		`$pw = getenv('DB_PASSWORD') ?: '';`,
	})
}

// ${NAME:-value} (shell, docker-compose) and ${name:value} (Spring): the default is the
// value, without the operator's '-'.
func TestBraceDefault(t *testing.T) {
	held5Want(t, []held5Case{
		{`      POSTGRES_PASSWORD: ${POSTGRES_PASSWORD:-Moose46Lake}`, "password-assignment", "Moose46Lake"},
		{`psql "postgres://app:${DB_PASSWORD:-Pelican42Rock}@db/app"`, "password-assignment", "Pelican42Rock"},
		{`spring.datasource.password=${DB_PASSWORD:Badger31Forest}`, "password-assignment", "Badger31Forest"},
		{"spring:\n  datasource:\n    password: ${db.password:Otter77River}\n", "password-assignment", "Otter77River"},
		{`export API_TOKEN=${API_TOKEN:=Rf6Tg8Yh0Uj2Ik4Ol9Pz}`, "generic-api-key", "Rf6Tg8Yh0Uj2Ik4Ol9Pz"},
	})
	h11Quiet(t, []string{
		`pw: ${DB_PASSWORD:-}`,
		`pw: ${DB_PASSWORD:-changeme}`,
		`pw: ${DB_PASSWORD:-${OTHER_PASSWORD}}`,
		`pw: ${DB_PASSWORD:?set DB_PASSWORD}`,
		`echo ${API_TOKEN:0:8}`,
		`password: ${db.password:}`,
	})
}
