import { strict as assert } from 'node:assert';
import { describeFindings, redactSecrets, type SecretFinding } from '../../src/core/secretScan';

// Fake secrets in the right shape, assembled from pieces so that no secret scanner (ours or a
// git host's) reads this file as holding real ones.
const FAKE = {
  awsAccessKey: 'AKIA' + 'IOSFODNN7EXAMPLE',
  awsSessionKey: 'ASIA' + 'IOSFODNN7EXAMPLE',
  awsSecret: 'wJalrXUtnFEMI/K7MDENG/' + 'bPxRfiCYEXAMPLEKEY',
  githubPat: 'ghp_' + 'a1b2c3'.repeat(6),
  githubOauth: 'gho_' + 'a1b2c3'.repeat(6),
  githubFineGrained: 'github_pat_' + 'A1'.repeat(11) + '_' + 'b2'.repeat(29) + 'c',
  gitlab: 'glpat-' + 'a1B2'.repeat(5),
  slack: 'xoxb-' + '000000000000-0000000000000-' + 'fake'.repeat(6),
  google: 'AIza' + 'Sy' + 'FAKEfake00'.repeat(3) + 'abc',
  stripe: 'sk_live_' + '0fake'.repeat(5),
  stripeRestricted: 'rk_live_' + '0fake'.repeat(5),
  npm: 'npm_' + 'a1b2c3'.repeat(6),
  jwt:
    'eyJ' + 'hbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9' +
    '.eyJzdWIiOiIxMjM0NTY3ODkwIiwibmFtZSI6IkpvaG4gRG9lIiwiaWF0IjoxNTE2MjM5MDIyfQ' +
    '.SflKxwRJSMeKKF2QT4fwpMeJf36POk6yJV_adQssw5c',
  azure: 'FAKE0key'.repeat(10) + 'FAKE0k==',
} as const;

const r = (kind: string): string => `«redacted: ${kind}»`;

describe('core/secretScan redactSecrets', () => {
  describe('one planted secret of each kind', () => {
    // [what, snippet line, expected line, kind]
    const corpus: Array<[string, string, string, string]> = [
      ['an AWS access key id', `const id = '${FAKE.awsAccessKey}';`, `const id = '${r('AWS access key')}';`, 'AWS access key'],
      ['an AWS session key id', `AWS_ACCESS_KEY_ID=${FAKE.awsSessionKey}`, `AWS_ACCESS_KEY_ID=${r('AWS access key')}`, 'AWS access key'],
      ['an AWS secret key in a credentials file', `aws_secret_access_key = ${FAKE.awsSecret}`, `aws_secret_access_key = ${r('AWS secret key')}`, 'AWS secret key'],
      ['an AWS secret key in JSON', `"aws_secret_access_key": "${FAKE.awsSecret}",`, `"aws_secret_access_key": "${r('AWS secret key')}",`, 'AWS secret key'],
      ['an AWS secret key in .env', `AWS_SECRET_ACCESS_KEY=${FAKE.awsSecret}`, `AWS_SECRET_ACCESS_KEY=${r('AWS secret key')}`, 'AWS secret key'],
      ['a GitHub classic token', `export GH_TOKEN="${FAKE.githubPat}"`, `export GH_TOKEN="${r('GitHub token')}"`, 'GitHub token'],
      ['a GitHub OAuth token', `headers.set('x', '${FAKE.githubOauth}')`, `headers.set('x', '${r('GitHub token')}')`, 'GitHub token'],
      ['a GitHub fine-grained token', `token: ${FAKE.githubFineGrained}`, `token: ${r('GitHub token')}`, 'GitHub token'],
      ['a GitLab token', `private_token = '${FAKE.gitlab}'`, `private_token = '${r('GitLab token')}'`, 'GitLab token'],
      ['a Slack token', `client = WebClient("${FAKE.slack}")`, `client = WebClient("${r('Slack token')}")`, 'Slack token'],
      ['a Google API key', `const url = \`https://maps.example.com/api?key=${FAKE.google}\`;`, `const url = \`https://maps.example.com/api?key=${r('Google API key')}\`;`, 'Google API key'],
      ['a Stripe secret key', `stripe = Stripe('${FAKE.stripe}')`, `stripe = Stripe('${r('Stripe key')}')`, 'Stripe key'],
      ['a Stripe restricted key', `STRIPE=${FAKE.stripeRestricted}`, `STRIPE=${r('Stripe key')}`, 'Stripe key'],
      ['an npm token', `//registry.npmjs.org/:_authToken=${FAKE.npm}`, `//registry.npmjs.org/:_authToken=${r('npm token')}`, 'npm token'],
      ['a JWT', `const session = "${FAKE.jwt}";`, `const session = "${r('JWT')}";`, 'JWT'],
      ['a JWT as bearer token', `curl -H "Authorization: Bearer ${FAKE.jwt}" https://api.example.com`, `curl -H "Authorization: Bearer ${r('JWT')}" https://api.example.com`, 'JWT'],
      ['an opaque bearer token', `Authorization: Bearer 0fake0token0abcdef0123456789`, `Authorization: Bearer ${r('bearer token')}`, 'bearer token'],
      [
        'an Azure storage account key',
        `"DefaultEndpointsProtocol=https;AccountName=demo;AccountKey=${FAKE.azure};EndpointSuffix=core.windows.net"`,
        `"DefaultEndpointsProtocol=https;AccountName=demo;AccountKey=${r('Azure storage key')};EndpointSuffix=core.windows.net"`,
        'Azure storage key',
      ],
      ['a Python password', `password = "hunter2"`, `password = "${r('password assignment')}"`, 'password assignment'],
      ['a JSON password', `  "password": "s3cr3t!",`, `  "password": "${r('password assignment')}",`, 'password assignment'],
      ['a JS object password', `  passwd: 'Tr0ub4dor&3',`, `  passwd: '${r('password assignment')}',`, 'password assignment'],
      ['a Java password', `String dbPassword = "hunter2";`, `String dbPassword = "${r('password assignment')}";`, 'password assignment'],
      ['a typed TS password', `const password: string = 'hunter2';`, `const password: string = '${r('password assignment')}';`, 'password assignment'],
      ['a Go password', `password := "hunter2"`, `password := "${r('password assignment')}"`, 'password assignment'],
      ['a PHP password', `$config['db_pass'] = 'hunter2'; $password = 'hunter2';`, `$config['db_pass'] = 'hunter2'; $password = '${r('password assignment')}';`, 'password assignment'],
      ['a Ruby hash password', `{ :password => "hunter2" }`, `{ :password => "${r('password assignment')}" }`, 'password assignment'],
      ['a Python keyword argument', `connect(host="db", password="hunter2")`, `connect(host="db", password="${r('password assignment')}")`, 'password assignment'],
      ['a .env password', `DB_PASSWORD=supersecret`, `DB_PASSWORD=${r('password assignment')}`, 'password assignment'],
      ['a YAML password with a digit', `  password: hunter2 # dev only`, `  password: ${r('password assignment')} # dev only`, 'password assignment'],
      ['a compose environment password', `      POSTGRES_PASSWORD: postgres`, `      POSTGRES_PASSWORD: ${r('password assignment')}`, 'password assignment'],
      ['a properties password', `spring.datasource.password=hunter2`, `spring.datasource.password=${r('password assignment')}`, 'password assignment'],
      ['a CLI flag password', `mysql --password=hunter2 --host db`, `mysql --password=${r('password assignment')} --host db`, 'password assignment'],
      ['a secret', `secret: "8f14e45fceea167a5a36dedd4bea2543",`, `secret: "${r('secret assignment')}",`, 'secret assignment'],
      ['a client secret', `CLIENT_SECRET = 'q9Wv-fake-Zx81'`, `CLIENT_SECRET = '${r('secret assignment')}'`, 'secret assignment'],
      ['a token', `const accessToken = "tok_0fake0fake0fake";`, `const accessToken = "${r('token assignment')}";`, 'token assignment'],
      ['an api_key', `api_key = "0fake0api0key0123"`, `api_key = "${r('generic API key assignment')}"`, 'generic API key assignment'],
      ['an apiKey', `const client = new Client({ apiKey: 'k-0fake-1234' });`, `const client = new Client({ apiKey: '${r('generic API key assignment')}' });`, 'generic API key assignment'],
      ['an API key header', `  X-API-Key: 0fake0api0key0123`, `  X-API-Key: ${r('generic API key assignment')}`, 'generic API key assignment'],
      ['a postgres URL', `DATABASE_URL=postgres://app:p4ssw0rd@db.internal:5432/app`, `DATABASE_URL=postgres://app:${r('connection string password')}@db.internal:5432/app`, 'connection string password'],
      ['a postgresql URL', `dsn = "postgresql://app:p4ssw0rd@localhost/app"`, `dsn = "postgresql://app:${r('connection string password')}@localhost/app"`, 'connection string password'],
      ['a mysql URL', `mysql://root:hunter2@127.0.0.1:3306/shop`, `mysql://root:${r('connection string password')}@127.0.0.1:3306/shop`, 'connection string password'],
      ['a mongodb+srv URL', `mongoose.connect('mongodb+srv://admin:Pa55word@cluster0.example.net/test')`, `mongoose.connect('mongodb+srv://admin:${r('connection string password')}@cluster0.example.net/test')`, 'connection string password'],
      ['a redis URL without user', `REDIS_URL=redis://:s3cret@cache:6379/0`, `REDIS_URL=redis://:${r('connection string password')}@cache:6379/0`, 'connection string password'],
      ['an amqp URL', `amqp://guest:guest@localhost:5672/`, `amqp://guest:${r('connection string password')}@localhost:5672/`, 'connection string password'],
      ['an https URL with credentials', `git clone https://sam:hunter2@git.example.com/a/b.git`, `git clone https://sam:${r('connection string password')}@git.example.com/a/b.git`, 'connection string password'],
      ['a JDBC query password', `jdbc:mysql://db/shop?user=app&password=hunter2&ssl=true`, `jdbc:mysql://db/shop?user=app&password=${r('connection string password')}&ssl=true`, 'connection string password'],
      ['an ADO.NET password', `"Server=db;Database=shop;User Id=sa;Password=Pa55w0rd;"`, `"Server=db;Database=shop;User Id=sa;Password=${r('connection string password')};"`, 'connection string password'],
    ];
    for (const [what, line, expected, kind] of corpus) {
      it(`redacts ${what}`, () => {
        const result = redactSecrets(`// before\n${line}\n// after`);
        assert.equal(result.text, `// before\n${expected}\n// after`);
        assert.deepEqual(result.findings, [{ kind, line: 2 }]);
      });
    }
  });

  it('redacts a GitHub token inside an https URL once, as a GitHub token', () => {
    const result = redactSecrets(`https://x-access-token:${FAKE.githubPat}@github.com/o/r.git`);
    assert.equal(result.text, `https://x-access-token:${r('GitHub token')}@github.com/o/r.git`);
    assert.deepEqual(result.findings, [{ kind: 'GitHub token', line: 1 }]);
  });

  it('finds several secrets in one snippet, in order, with their lines', () => {
    const snippet = [
      'import boto3',
      '',
      `s3 = boto3.client("s3", aws_access_key_id="${FAKE.awsAccessKey}",`,
      `                  aws_secret_access_key="${FAKE.awsSecret}")`,
      'def connect():',
      `    return psycopg2.connect("postgres://app:p4ss@db/app")`,
      `PASSWORD = "hunter2"; TOKEN = "${FAKE.npm}"`,
    ].join('\n');
    const result = redactSecrets(snippet);
    assert.equal(
      result.text,
      [
        'import boto3',
        '',
        `s3 = boto3.client("s3", aws_access_key_id="${r('AWS access key')}",`,
        `                  aws_secret_access_key="${r('AWS secret key')}")`,
        'def connect():',
        `    return psycopg2.connect("postgres://app:${r('connection string password')}@db/app")`,
        `PASSWORD = "${r('password assignment')}"; TOKEN = "${r('npm token')}"`,
      ].join('\n'),
    );
    assert.deepEqual(result.findings, [
      { kind: 'AWS access key', line: 3 },
      { kind: 'AWS secret key', line: 4 },
      { kind: 'connection string password', line: 6 },
      { kind: 'password assignment', line: 7 },
      { kind: 'npm token', line: 7 },
    ]);
  });

  describe('private key blocks', () => {
    const body = ['MIIEpAIBAAKCAQEA0FAKE0KEY0' + 'x'.repeat(38), 'FAKE'.repeat(16), 'fake'.repeat(8) + '=='];

    for (const label of ['RSA ', 'EC ', 'OPENSSH ', 'DSA ', 'ENCRYPTED ', '']) {
      it(`replaces a ${label || 'plain '}PRIVATE KEY block by one marker line`, () => {
        const snippet = ['# deploy key', `-----BEGIN ${label}PRIVATE KEY-----`, ...body, `-----END ${label}PRIVATE KEY-----`, 'echo done'].join('\n');
        const result = redactSecrets(snippet);
        assert.equal(result.text, `# deploy key\n${r('private key block')}\necho done`);
        assert.deepEqual(result.findings, [{ kind: 'private key block', line: 2 }]);
      });
    }

    it('replaces a PGP private key block with armor headers', () => {
      const snippet = ['-----BEGIN PGP PRIVATE KEY BLOCK-----', 'Version: GnuPG v2', '', ...body, '=fAkE', '-----END PGP PRIVATE KEY BLOCK-----'].join('\n');
      const result = redactSecrets(snippet);
      assert.equal(result.text, r('private key block'));
      assert.deepEqual(result.findings, [{ kind: 'private key block', line: 1 }]);
    });

    it('keeps the code around a key in a template literal, and scans the lines after it', () => {
      const snippet = ['const key = `-----BEGIN RSA PRIVATE KEY-----', ...body, '-----END RSA PRIVATE KEY-----`; const password = "hunter2";', 'sign(key);'].join('\n');
      const result = redactSecrets(snippet);
      assert.equal(result.text, `const key = \`${r('private key block')}\`; const password = "${r('password assignment')}";\nsign(key);`);
      assert.deepEqual(result.findings, [
        { kind: 'private key block', line: 1 },
        { kind: 'password assignment', line: 5 },
      ]);
    });

    it('redacts a key written on one line with \\n escapes', () => {
      const snippet = `"private_key": "-----BEGIN PRIVATE KEY-----\\n${body.join('\\n')}\\n-----END PRIVATE KEY-----\\n",`;
      const result = redactSecrets(snippet);
      assert.equal(result.text, `"private_key": "${r('private key block')}\\n",`);
      assert.deepEqual(result.findings, [{ kind: 'private key block', line: 1 }]);
    });

    it('redacts to the end of a snippet cut inside a key', () => {
      const result = redactSecrets(['ok()', '-----BEGIN OPENSSH PRIVATE KEY-----', ...body].join('\n'));
      assert.equal(result.text, `ok()\n${r('private key block')}`);
      assert.deepEqual(result.findings, [{ kind: 'private key block', line: 2 }]);
    });

    it('leaves PEM header constants in parsing code alone', () => {
      const snippet = [
        "const HEADER = '-----BEGIN PRIVATE KEY-----';",
        "const FOOTER = '-----END PRIVATE KEY-----';",
        "if (pem.startsWith('-----BEGIN RSA PRIVATE KEY-----')) return parseRsa(pem);",
      ].join('\n');
      assert.deepEqual(redactSecrets(snippet), { text: snippet, findings: [] });
    });
  });

  describe('leaves ordinary code alone', () => {
    const corpus: Array<[string, string]> = [
      ['a type annotation', 'password: string;'],
      ['an optional property', '  token?: string'],
      ['an interface', 'interface Credentials { password: string; apiKey: string | undefined }'],
      ['a Kotlin nullable', 'private val token: String? = null'],
      ['a Python signature', 'def login(username: str, password: str) -> Token:'],
      ['a Go signature', 'func Login(user string, password string) error {'],
      ['a function call', 'password = getPassword()'],
      ['a method call', 'const secret = crypto.randomBytes(32).toString("hex");'],
      ['an env lookup in Node', 'apiKey: process.env.API_KEY ?? "",'],
      ['an env lookup in Python', 'SECRET_KEY = os.environ.get("SECRET_KEY")'],
      ['an env lookup by index', 'API_TOKEN = os.environ["API_TOKEN"]'],
      ['an env lookup in Ruby', 'password: ENV["DB_PASSWORD"],'],
      ['a PHP env call', "'password' => env('DB_PASSWORD', ''),"],
      ['a variable', 'self.token = token'],
      ['a shorthand property', 'const { password } = req.body;'],
      ['a property copied', 'password_confirmation: password,'],
      ['an empty string', 'password = ""'],
      ['an empty .env value', 'DB_PASSWORD='],
      ['a None', 'token = None'],
      ['a placeholder in angle brackets', 'password = "<password>"'],
      ['changeme', 'password: "changeme"'],
      ['a mask', "password = '***'"],
      ['xxx', "api_key = 'xxx'"],
      ['a template', 'password = "${DB_PASSWORD}"'],
      ['a template literal', 'const token = `${prefix}${id}`;'],
      ['a Jinja template', 'password: "{{ vault_db_password }}"'],
      ['a shell variable', 'export API_KEY=$API_KEY'],
      ['a command substitution', 'PASSWORD=$(cat /run/secrets/db)'],
      ['a GitHub Actions secret', 'token: ${{ secrets.GITHUB_TOKEN }}'],
      ['a your-…-here value', 'API_KEY="your-api-key-here"'],
      ['a UI label', '"password": "Enter your password",'],
      ['an error message', 'throw new Error("Invalid password: must be at least 8 characters");'],
      ['a log line', 'console.log("token:", token)'],
      ['a comparison', 'if (user.password !== hashed) {'],
      ['an equality test', 'if password == "":'],
      ['an HTML input', '<input type="password" name="password" autocomplete="current-password">'],
      ['a CSS class', '.password-field { border: 1px solid #ccc; }'],
      ['a SQL bind parameter', 'SELECT id FROM users WHERE token = :token AND password_hash = ?'],
      ['a non-secret key name', 'const tokenType = "bearer"; const passwordMinLength = 12;'],
      ['a token type', '"token_type": "Bearer",'],
      ['a zod schema', 'password: z.string().min(8),'],
      ['a mongoose schema', 'password: { type: String, required: true },'],
      ['a YAML anchor', 'password: *default_password'],
      ['a CloudFormation reference', 'MasterUserPassword: !Ref DbPassword'],
      ['a JSON schema', '"password": { "type": "string", "minLength": 8 }'],
      ['a Bearer template', 'headers: { Authorization: `Bearer ${token}` },'],
      ['prose about bearer tokens', '// Bearer authentication_documentation_here explains it'],
      ['a UUID', "const requestId = '3f2504e0-4f89-11d3-9a0c-0305e82c3301';"],
      ['a git SHA', 'git checkout 9fceb02d0ae598e95dc970b74767f19372d61af8'],
      ['a commit hash in JSON', '"commit": "e83c5163316f89bfbde7d9ab23ca2e25604af290",'],
      ['a URL with a port', 'fetch("http://localhost:8080/api/token")'],
      ['an ssh remote', 'git@github.com:org/repo.git'],
      ['an ssh URL', 'ssh://git@host:22/srv/repo.git'],
      ['a URL with a placeholder password', 'postgres://USER:${PASSWORD}@HOST/db'],
      ['a URL with an angle placeholder', 'mongodb+srv://<user>:<password>@cluster0.example.net/'],
      ['the PWD variable', 'PWD=/home/sam/project'],
      [
        'a base64 image data URL in CSS',
        '.logo { background: url("data:image/png;base64,iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg=="); }',
      ],
      ['a comment', '// TODO: rotate the token before the release, see the password policy'],
      ['a statement after a connection-looking string', 'user = u; password = pw;'],
    ];
    for (const [what, snippet] of corpus) {
      it(`leaves ${what}`, () => {
        assert.deepEqual(redactSecrets(snippet), { text: snippet, findings: [] });
      });
    }

    it('leaves a whole file of such code unchanged', () => {
      const snippet = corpus.map(([, line]) => line).join('\n');
      assert.deepEqual(redactSecrets(snippet), { text: snippet, findings: [] });
    });
  });

  it('keeps CRLF line endings and the empty snippet', () => {
    assert.deepEqual(redactSecrets(''), { text: '', findings: [] });
    const result = redactSecrets('a = 1\r\nDB_PASSWORD=hunter2\r\nb = 2\r\n');
    assert.equal(result.text, `a = 1\r\nDB_PASSWORD=${r('password assignment')}\r\nb = 2\r\n`);
    assert.deepEqual(result.findings, [{ kind: 'password assignment', line: 2 }]);
  });

  it('is idempotent: redacting redacted text finds nothing', () => {
    const snippet = [
      `const id = '${FAKE.awsAccessKey}';`,
      `password = "hunter2"`,
      `DB_PASSWORD=supersecret`,
      `  password: hunter2`,
      `mysql --password=hunter2`,
      `postgres://app:p4ss@db/app?password=p4ss`,
      `"Server=db;User Id=sa;Password=Pa55w0rd;"`,
      `Authorization: Bearer 0fake0token0abcdef0123456789`,
      `secret: "8f14e45fceea167a5a36dedd4bea2543"`,
      `api_key = "0fake0api0key0123"`,
      `accessToken = "${FAKE.jwt}"`,
      `AccountKey=${FAKE.azure};`,
      '-----BEGIN RSA PRIVATE KEY-----',
      'FAKE'.repeat(16),
      '-----END RSA PRIVATE KEY-----',
    ].join('\n');
    const once = redactSecrets(snippet);
    assert.equal(once.findings.length, 14); // the postgres line holds two: user info and ?password=
    assert.deepEqual(redactSecrets(once.text), { text: once.text, findings: [] });
  });

  // Linear, not merely fast on this machine: the time for 200 KB is compared with the time for
  // 50 KB in the same run (quadratic backtracking would take ~16×, linear ~4×), so a loaded CI
  // machine does not fail it; the absolute cap only catches a catastrophic blow-up.
  describe('runs in linear time', function () {
    this.timeout(30_000);
    function fastest(snippet: string): number {
      let best = Infinity;
      for (let run = 0; run < 5; run++) {
        const started = process.hrtime.bigint();
        redactSecrets(snippet);
        best = Math.min(best, Number(process.hrtime.bigint() - started) / 1e6);
      }
      return best;
    }
    function assertLinear(make: (bytes: number) => string): void {
      const small = fastest(make(50 * 1024));
      const large = fastest(make(200 * 1024));
      assert.ok(large < 10_000, `took ${large.toFixed(0)} ms for 200 KB`);
      // Below 100 ms for 200 KB nothing is a problem, and a ratio of such short times is mostly
      // garbage collection and other processes.
      assert.ok(large < 100 || large / Math.max(small, 5) < 10, `50 KB: ${small.toFixed(1)} ms, 200 KB: ${large.toFixed(1)} ms`);
    }

    it('scans 200 KB of mixed code in linear time', () => {
      const lines = [
        'function handler(req, res) { const token = req.headers.authorization?.split(" ")[1]; }',
        `const password = "hunter2"; const id = '${FAKE.awsAccessKey}';`,
        'password: string; apiKey: process.env.API_KEY ?? "",',
        'postgres://app:p4ss@db.internal:5432/app',
        '.logo { background: url("data:image/png;base64,iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJ"); }',
      ];
      assertLinear((bytes) => {
        let snippet = '';
        while (snippet.length < bytes) snippet += lines.join('\n') + '\n';
        return snippet;
      });
    });

    // Inputs shaped to make a backtracking regex explode; all quantifiers are bounded.
    const adversarial: Array<[string, (bytes: number) => string]> = [
      ['one long line of a word', (n) => 'a'.repeat(n)],
      ['an unterminated quoted password', (n) => 'password = "' + 'a'.repeat(n)],
      ['repeated keys without values', (n) => 'password:'.repeat(n / 9)],
      ['repeated unterminated strings', (n) => 'token="x'.repeat(n / 8)],
      ['a long URL without an @', (n) => 'postgres://' + 'u'.repeat(n / 2) + ':' + 'p'.repeat(n / 2)],
      ['many BEGIN headers without END', (n) => '-----BEGIN PRIVATE KEY-----\n'.repeat(n / 28)],
      ['many BEGIN headers with bodies, no END', (n) => ('-----BEGIN PRIVATE KEY-----\n' + 'A'.repeat(64) + '\n').repeat(n / 93)],
      ['a long base64 run', (n) => 'eyJ' + 'A'.repeat(n)],
      ['dots between base64 runs', (n) => ('eyJ' + 'a'.repeat(20) + '.').repeat(n / 24)],
      ['a long Bearer line', (n) => 'Bearer ' + 'a1'.repeat(n / 2)],
    ];
    for (const [what, make] of adversarial) {
      it(`handles ${what}`, () => assertLinear(make));
    }
  });
});

describe('core/secretScan describeFindings', () => {
  it('is empty when nothing was redacted', () => {
    assert.equal(describeFindings([]), '');
  });

  it('names one secret in the singular', () => {
    assert.equal(describeFindings([{ kind: 'JWT', line: 1 }]), 'Redacted 1 secret: JWT (line 1).');
  });

  it('lists several secrets with their lines', () => {
    const findings: SecretFinding[] = [
      { kind: 'AWS access key', line: 3 },
      { kind: 'password assignment', line: 7 },
    ];
    assert.equal(describeFindings(findings), 'Redacted 2 secrets: AWS access key (line 3), password assignment (line 7).');
  });

  it('describes what redactSecrets found', () => {
    const { findings } = redactSecrets(`x = 1\nkey = "${FAKE.google}"\npassword = "hunter2"`);
    assert.equal(describeFindings(findings), 'Redacted 2 secrets: Google API key (line 2), password assignment (line 3).');
  });
});
