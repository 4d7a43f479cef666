package mongodb

import (
	"context"
	"crypto/md5"
	"crypto/tls"
	"encoding/hex"
	"errors"
	"fmt"
	"net"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/xdg-go/scram"
	"go.mongodb.org/mongo-driver/v2/bson"

	"github.com/leakwatch/leakwatch/internal/store"
	"github.com/leakwatch/leakwatch/internal/store/probekit"
)

// readCommands are the only commands leakwatch sends. None writes: hello, buildInfo,
// getCmdLineOpts and connectionStatus describe the server; listDatabases,
// listCollections, collStats, count and find read; saslStart/saslContinue log in;
// killCursors releases a cursor we opened and left unread.
var readCommands = map[string]bool{
	"isMaster": true, "hello": true, "buildInfo": true, "getCmdLineOpts": true,
	"listDatabases": true, "listCollections": true, "collStats": true, "count": true, "find": true,
	"saslStart": true, "saslContinue": true, "killCursors": true,
}

// errNotReadOnly is returned, before anything is sent, for any other command.
var errNotReadOnly = errors.New("mongodb: refusing a command that is not on the read-only list")

// conn is one connection speaking OP_QUERY (before 3.6) or OP_MSG.
type conn struct {
	nc      net.Conn
	o       *store.Options
	useMsg  bool
	reqID   int32
	timeout time.Duration
	// plainOK: any password may be sent as it is (SASL PLAIN) on this connection, which
	// is TLS with a certificate valid for the endpoint's name, or the user allowed it.
	plainOK bool
}

func dial(ctx context.Context, ep store.Endpoint, o *store.Options, useTLS bool) (*conn, error) {
	nc, err := probekit.Dial(ctx, ep, o, useTLS)
	if err != nil {
		return nil, err
	}
	c := &conn{nc: nc, o: o, timeout: o.IOTimeout, plainOK: o.AllowPlaintextAuth}
	if tc, ok := nc.(*tls.Conn); ok && !c.plainOK {
		c.plainOK = probekit.TLSVerified(ep, tc.ConnectionState(), o.RootCAs)
	}
	return c, nil
}

func (c *conn) Close() error { return c.nc.Close() }

// run sends one command to db and returns the reply, or a *CommandError for ok: 0.
func (c *conn) run(ctx context.Context, db string, cmd bson.D) (bson.Raw, error) {
	if len(cmd) == 0 || !readCommands[cmd[0].Key] {
		name := ""
		if len(cmd) > 0 {
			name = cmd[0].Key
		}
		return nil, fmt.Errorf("%w: %q", errNotReadOnly, name)
	}
	if c.useMsg {
		cmd = append(cmd, bson.E{Key: "$db", Value: db})
	}
	doc, err := bson.Marshal(cmd)
	if err != nil {
		return nil, err
	}
	c.reqID++
	var msg []byte
	if c.useMsg {
		msg = appendMsg(nil, c.reqID, doc)
	} else {
		msg = appendQuery(nil, c.reqID, db, doc)
	}
	deadline := time.Now().Add(c.timeout)
	if d, ok := ctx.Deadline(); ok && d.Before(deadline) {
		deadline = d
	}
	_ = c.nc.SetDeadline(deadline)
	if _, err := c.nc.Write(msg); err != nil {
		return nil, classify(err)
	}
	limit := c.o.MaxResponseBytes + headerLen
	for {
		op, to, body, err := readMessage(c.nc, limit)
		if err != nil {
			if errors.Is(err, store.ErrTooLarge) && to == c.reqID {
				return nil, err
			}
			return nil, classify(err)
		}
		if to != c.reqID {
			continue // a reply to an earlier, abandoned request
		}
		reply, err := replyDocument(op, body)
		if err != nil {
			return nil, err
		}
		if err := commandResult(reply); err != nil {
			return reply, err
		}
		return reply, nil
	}
}

func classify(err error) error {
	if store.IsTimeout(err) {
		return fmt.Errorf("%w: %w", store.ErrTimeout, err)
	}
	return err
}

// helloInfo is what the first hello told us.
type helloInfo struct {
	MaxWire      int64
	Primary      bool
	Mongos       bool
	SetName      string
	Mechs        []string
	Compression  []string
	MaxMsgBytes  int64
	ReadOnly     bool
	Raw          bson.Raw
	ServiceLabel string
}

// hello sends the legacy isMaster over OP_QUERY, which every release answers (drivers do
// the same), and switches the connection to OP_MSG when the server speaks it. mechsFor
// asks which SCRAM mechanisms a user has; compressors offers compression (to learn
// whether zlib is enabled; nothing compressed is ever sent).
func (c *conn) hello(ctx context.Context, mechsFor string, compressors []string) (*helloInfo, error) {
	cmd := bson.D{{Key: "isMaster", Value: 1}, {Key: "helloOk", Value: true},
		{Key: "client", Value: bson.D{{Key: "application", Value: bson.D{{Key: "name", Value: "leakwatch"}}},
			{Key: "driver", Value: bson.D{{Key: "name", Value: "leakwatch"}, {Key: "version", Value: "1"}}},
			{Key: "os", Value: bson.D{{Key: "type", Value: "unknown"}}}}}}
	if mechsFor != "" {
		cmd = append(cmd, bson.E{Key: "saslSupportedMechs", Value: mechsFor})
	}
	if len(compressors) > 0 {
		cmd = append(cmd, bson.E{Key: "compression", Value: compressors})
	}
	c.useMsg = false
	reply, err := c.run(ctx, "admin", cmd)
	if err != nil {
		var ce *CommandError
		if errors.As(err, &ce) {
			return nil, err // a MongoDB that refused hello: still MongoDB
		}
		if errors.Is(err, store.ErrProtocol) {
			return nil, fmt.Errorf("%w: %w", store.ErrNoMatch, err)
		}
		return nil, err
	}
	h := &helloInfo{Raw: reply}
	maxWire := reply.Lookup("maxWireVersion")
	_, hasPrimary := reply.Lookup("ismaster").BooleanOK()
	if !hasPrimary {
		_, hasPrimary = reply.Lookup("isWritablePrimary").BooleanOK()
	}
	if maxWire.Type == 0 && !hasPrimary {
		return nil, fmt.Errorf("%w: hello reply without maxWireVersion or ismaster", store.ErrNoMatch)
	}
	h.MaxWire = int64Of(maxWire)
	h.Primary, _ = reply.Lookup("ismaster").BooleanOK()
	if wp, ok := reply.Lookup("isWritablePrimary").BooleanOK(); ok {
		h.Primary = wp
	}
	msg, _ := reply.Lookup("msg").StringValueOK()
	h.Mongos = msg == "isdbgrid"
	h.SetName, _ = reply.Lookup("setName").StringValueOK()
	h.ReadOnly, _ = reply.Lookup("readOnly").BooleanOK()
	h.MaxMsgBytes = int64Of(reply.Lookup("maxMessageSizeBytes"))
	h.Mechs = stringArray(reply.Lookup("saslSupportedMechs"))
	h.Compression = stringArray(reply.Lookup("compression"))
	c.useMsg = h.MaxWire >= minWireForOpMsg
	return h, nil
}

func stringArray(v bson.RawValue) []string {
	arr, ok := v.ArrayOK()
	if !ok {
		return nil
	}
	vals, err := arr.Values()
	if err != nil {
		return nil
	}
	var out []string
	for _, x := range vals {
		if s, ok := x.StringValueOK(); ok {
			out = append(out, s)
		}
	}
	return out
}

// errPlainNotSent is why a user's password stayed unsent: the report says it.
var errPlainNotSent = errors.New("the server offers only SASL PLAIN, which sends the password as it is, over a " +
	"connection that is not TLS with a verified certificate; it was not sent (--tls-ca verifies a private CA's " +
	"certificate, --allow-plaintext-auth sends it anyway)")

// errPlainRefused: the server offers only PLAIN, and this connection may not carry the
// user's password in the clear. The server wants a login: protected, as far as we know.
var errPlainRefused = fmt.Errorf("%w: %w", store.ErrAuth, errPlainNotSent)

// authenticate logs in as cred with SCRAM-SHA-256 when the server offers it for the user
// (4.0+), SCRAM-SHA-1 otherwise — or PLAIN where that is all the server offers (FerretDB
// v1, which hands the credentials to its PostgreSQL backend), over a connection where
// plainOK holds, or with a well-known default, which is public anyway.
func (c *conn) authenticate(ctx context.Context, cred *store.Credential, mechs []string) error {
	user, password := cred.Username, cred.Password
	if len(mechs) > 0 && !slices.Contains(mechs, "SCRAM-SHA-256") && !slices.Contains(mechs, "SCRAM-SHA-1") &&
		slices.Contains(mechs, "PLAIN") {
		if !c.plainOK && !probekit.PlaintextAllowed(c.o, cred) {
			return errPlainRefused
		}
		return c.authenticatePlain(ctx, user, password)
	}
	mech := "SCRAM-SHA-1"
	for _, m := range mechs {
		if m == "SCRAM-SHA-256" {
			mech = m
		}
	}
	var (
		client *scram.Client
		err    error
	)
	if mech == "SCRAM-SHA-256" {
		client, err = scram.SHA256.NewClient(user, password, "")
	} else {
		// SCRAM-SHA-1 in MongoDB hashes the password as MONGODB-CR did first.
		sum := md5.Sum([]byte(user + ":mongo:" + password))
		client, err = scram.SHA1.NewClientUnprepped(user, hex.EncodeToString(sum[:]), "")
	}
	if err != nil {
		return fmt.Errorf("%w: SCRAM: %v", store.ErrAuth, err)
	}
	conv := client.NewConversation()
	first, err := conv.Step("")
	if err != nil {
		return err
	}
	reply, err := c.run(ctx, "admin", bson.D{{Key: "saslStart", Value: 1}, {Key: "mechanism", Value: mech},
		{Key: "payload", Value: bson.Binary{Data: []byte(first)}}, {Key: "autoAuthorize", Value: 1},
		{Key: "options", Value: bson.D{{Key: "skipEmptyExchange", Value: true}}}})
	for step := 0; ; step++ {
		if err != nil {
			return err
		}
		if step > 4 {
			return fmt.Errorf("%w: SASL conversation does not end", store.ErrProtocol)
		}
		_, payload, ok := reply.Lookup("payload").BinaryOK()
		if !ok {
			return fmt.Errorf("%w: SASL reply without payload", store.ErrProtocol)
		}
		done, _ := reply.Lookup("done").BooleanOK()
		if done && conv.Done() {
			return nil
		}
		next := ""
		if !conv.Done() {
			if step == 0 {
				if err := checkIterations(payload); err != nil {
					return err
				}
			}
			next, err = conv.Step(string(payload))
			if err != nil {
				return fmt.Errorf("%w: SCRAM: %v", store.ErrAuth, err)
			}
		}
		if done {
			if !conv.Valid() {
				return fmt.Errorf("%w: the server did not prove it knows the password", store.ErrAuth)
			}
			return nil
		}
		reply, err = c.run(ctx, "admin", bson.D{{Key: "saslContinue", Value: 1},
			{Key: "conversationId", Value: reply.Lookup("conversationId")},
			{Key: "payload", Value: bson.Binary{Data: []byte(next)}}})
	}
}

// maxSCRAMIterations bounds the PBKDF2 work a server can ask of the client: MongoDB's
// defaults are 10,000 (SHA-1) and 15,000 (SHA-256); the SCRAM library computes whatever
// count the server names, and 2^31-1 costs a core for many minutes that no deadline
// interrupts. pgconn refuses PostgreSQL servers above the same ceiling.
const maxSCRAMIterations = 10_000_000

// checkIterations refuses a server-first SCRAM message (RFC 5802 §5.1: r=…,s=…,i=…)
// whose iteration count is above maxSCRAMIterations; anything else is the library's to
// judge.
func checkIterations(serverFirst []byte) error {
	for _, attr := range strings.Split(string(serverFirst), ",") {
		v, ok := strings.CutPrefix(attr, "i=")
		if !ok {
			continue
		}
		if n, err := strconv.ParseInt(v, 10, 64); err != nil || n > maxSCRAMIterations {
			return fmt.Errorf("%w: SCRAM iteration count %s from the server is above %d; not computed",
				store.ErrProtocol, probekit.CutText(v, 20), maxSCRAMIterations)
		}
	}
	return nil
}

// authenticatePlain logs in with SASL PLAIN (RFC 4616) against $external, where
// MongoDB and FerretDB take it.
func (c *conn) authenticatePlain(ctx context.Context, user, password string) error {
	payload := append(append(append([]byte{0}, user...), 0), password...)
	reply, err := c.run(ctx, "$external", bson.D{{Key: "saslStart", Value: 1}, {Key: "mechanism", Value: "PLAIN"},
		{Key: "payload", Value: bson.Binary{Data: payload}}, {Key: "autoAuthorize", Value: 1}})
	if err != nil {
		return err
	}
	if done, _ := reply.Lookup("done").BooleanOK(); !done {
		return fmt.Errorf("%w: PLAIN conversation did not end", store.ErrProtocol)
	}
	return nil
}
