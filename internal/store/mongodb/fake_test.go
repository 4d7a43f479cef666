package mongodb

import (
	"bytes"
	"crypto/md5"
	"encoding/binary"
	"encoding/hex"
	"fmt"
	"io"
	"net"
	"sort"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/xdg-go/scram"
	"go.mongodb.org/mongo-driver/v2/bson"

	"github.com/leakwatch/leakwatch/internal/lab"
	"github.com/leakwatch/leakwatch/internal/store"
	"github.com/leakwatch/leakwatch/internal/store/probekit/probetest"
)

// fakeMongo answers as mongod does, from the MongoDB Wire Protocol specification
// (OP_QUERY on "admin.$cmd" answered with OP_REPLY, OP_MSG with one kind-0 body section)
// and the command reference pages (hello/isMaster fields, buildInfo, listDatabases with
// sizeOnDisk/empty, listCollections and find cursors with firstBatch, collStats
// count/size, getCmdLineOpts argv/parsed, killCursors). Errors carry ok: 0, errmsg, code
// and codeName as mongod sends them: code 13 Unauthorized "command listDatabases
// requires authentication", code 18 AuthenticationFailed. SCRAM is the real conversation
// (xdg-go/scram server side), with MongoDB's SHA-1 password digest.
type fakeMongo struct {
	version string
	maxWire int32 // 6+ speaks OP_MSG; below, OP_QUERY only
	// users enables access control; keys are user names, values passwords.
	users map[string]string
	// emptyList makes listDatabases answer ok with no databases to everyone, as an
	// auth-enabled server does to a session without the listDatabases privilege.
	emptyList bool
	zlib      bool
	bindIP    string
	// scramIters, when set, is the iteration count the server's first SCRAM message
	// announces (the stored keys are computed with 4096 all the same).
	scramIters int

	dbs map[string]map[string][]bson.D

	mu   sync.Mutex
	cmds []string
	// largest is the longest message received (the fake reads at most 1 MiB of one).
	largest atomic.Int64
}

func (f *fakeMongo) commands() []string {
	f.mu.Lock()
	defer f.mu.Unlock()
	return append([]string(nil), f.cmds...)
}

func (f *fakeMongo) serve(t *testing.T) store.Endpoint {
	return probetest.Raw(t, func(_ int, c net.Conn) { f.handle(c) })
}

type session struct {
	authed  string
	conv    *scram.ServerConversation
	convSHA string
	user    string
}

func (f *fakeMongo) handle(c net.Conn) {
	s := &session{}
	for {
		_ = c.SetReadDeadline(time.Now().Add(10 * time.Second))
		var h [16]byte
		if _, err := io.ReadFull(c, h[:]); err != nil {
			return
		}
		n := binary.LittleEndian.Uint32(h[:])
		reqID := binary.LittleEndian.Uint32(h[4:])
		op := binary.LittleEndian.Uint32(h[12:])
		if int64(n) > f.largest.Load() {
			f.largest.Store(int64(n))
		}
		if n < 16 || n > 1<<20 {
			return
		}
		body := make([]byte, n-16)
		if _, err := io.ReadFull(c, body); err != nil {
			return
		}
		var db string
		var cmd bson.Raw
		switch op {
		case opQuery:
			i := bytes.IndexByte(body[4:], 0)
			ns := string(body[4 : 4+i])
			db = strings.TrimSuffix(ns, ".$cmd")
			cmd = bson.Raw(body[4+i+1+8:])
		case opMsg:
			if f.maxWire < 6 {
				return // 3.4 and older close the connection on an unknown opcode
			}
			cmd = bson.Raw(body[5:])
			db, _ = cmd.Lookup("$db").StringValueOK()
		default:
			return
		}
		reply := f.command(s, db, cmd)
		doc, _ := bson.Marshal(reply)
		var out []byte
		out = binary.LittleEndian.AppendUint32(out, 0)
		out = binary.LittleEndian.AppendUint32(out, 99)
		out = binary.LittleEndian.AppendUint32(out, reqID)
		if op == opQuery {
			out = binary.LittleEndian.AppendUint32(out, opReply)
			out = binary.LittleEndian.AppendUint32(out, 8) // AwaitCapable
			out = binary.LittleEndian.AppendUint64(out, 0)
			out = binary.LittleEndian.AppendUint32(out, 0)
			out = binary.LittleEndian.AppendUint32(out, 1)
		} else {
			out = binary.LittleEndian.AppendUint32(out, opMsg)
			out = binary.LittleEndian.AppendUint32(out, 0)
			out = append(out, 0)
		}
		out = append(out, doc...)
		binary.LittleEndian.PutUint32(out, uint32(len(out)))
		if _, err := c.Write(out); err != nil {
			return
		}
	}
}

func fail(code int32, name, msg string) bson.D {
	return bson.D{{Key: "ok", Value: 0.0}, {Key: "errmsg", Value: msg}, {Key: "code", Value: code}, {Key: "codeName", Value: name}}
}

func ok(extra ...bson.E) bson.D { return append(extra, bson.E{Key: "ok", Value: 1.0}) }

func (f *fakeMongo) storedCreds(sha string) scram.CredentialLookup {
	return func(user string) (scram.StoredCredentials, error) {
		pw, found := f.users[user]
		if !found {
			return scram.StoredCredentials{}, fmt.Errorf("no user")
		}
		var cl *scram.Client
		if sha == "SCRAM-SHA-256" {
			cl, _ = scram.SHA256.NewClient(user, pw, "")
		} else {
			sum := md5.Sum([]byte(user + ":mongo:" + pw))
			cl, _ = scram.SHA1.NewClientUnprepped(user, hex.EncodeToString(sum[:]), "")
		}
		sc, err := cl.GetStoredCredentialsWithError(scram.KeyFactors{Salt: "leakwatch-salt", Iters: 4096})
		if f.scramIters > 0 {
			sc.Iters = f.scramIters
		}
		return sc, err
	}
}

func (f *fakeMongo) command(s *session, db string, cmd bson.Raw) bson.D {
	els, _ := cmd.Elements()
	name := els[0].Key()
	f.mu.Lock()
	f.cmds = append(f.cmds, db+"."+name)
	f.mu.Unlock()
	needAuth := len(f.users) > 0 && s.authed == ""
	denied := fail(13, "Unauthorized", "command "+name+" requires authentication")
	switch name {
	case "isMaster", "hello", "ismaster":
		r := ok(bson.E{Key: "ismaster", Value: true}, bson.E{Key: "topologyVersion", Value: bson.D{{Key: "counter", Value: int64(0)}}},
			bson.E{Key: "maxBsonObjectSize", Value: int32(16777216)}, bson.E{Key: "maxMessageSizeBytes", Value: int32(48000000)},
			bson.E{Key: "maxWriteBatchSize", Value: int32(100000)}, bson.E{Key: "localTime", Value: bson.DateTime(1736121600000)},
			bson.E{Key: "logicalSessionTimeoutMinutes", Value: int32(30)}, bson.E{Key: "connectionId", Value: int32(7)},
			bson.E{Key: "minWireVersion", Value: int32(0)}, bson.E{Key: "maxWireVersion", Value: f.maxWire},
			bson.E{Key: "readOnly", Value: false})
		if u, found := cmd.Lookup("saslSupportedMechs").StringValueOK(); found {
			if _, exists := f.users[strings.TrimPrefix(u, "admin.")]; exists {
				mechs := bson.A{"SCRAM-SHA-1"}
				if f.maxWire >= 7 {
					mechs = append(mechs, "SCRAM-SHA-256")
				}
				r = append(bson.D{{Key: "saslSupportedMechs", Value: mechs}}, r...)
			}
		}
		if comp := stringArray(cmd.Lookup("compression")); len(comp) > 0 && f.zlib {
			r = append(bson.D{{Key: "compression", Value: bson.A{"zlib"}}}, r...)
		}
		return r
	case "buildInfo", "buildinfo":
		return ok(bson.E{Key: "version", Value: f.version}, bson.E{Key: "gitVersion", Value: "1cd9d0c1d4a1f2a1bcb7b8d5c5e0b3f1a2b3c4d5"},
			bson.E{Key: "modules", Value: bson.A{}}, bson.E{Key: "allocator", Value: "tcmalloc"},
			bson.E{Key: "openssl", Value: bson.D{{Key: "running", Value: "OpenSSL 3.0.13 30 Jan 2024"}}},
			bson.E{Key: "bits", Value: int32(64)}, bson.E{Key: "maxBsonObjectSize", Value: int32(16777216)})
	case "saslStart", "saslContinue":
		if name == "saslStart" {
			mech, _ := cmd.Lookup("mechanism").StringValueOK()
			hgf := scram.SHA1
			if mech == "SCRAM-SHA-256" {
				hgf = scram.SHA256
			}
			srv, _ := hgf.NewServer(f.storedCreds(mech))
			s.conv, s.convSHA = srv.NewConversation(), mech
		}
		if s.conv == nil {
			return fail(17, "ProtocolError", "no SASL session state found")
		}
		_, payload, _ := cmd.Lookup("payload").BinaryOK()
		if s.conv.Done() {
			return ok(bson.E{Key: "conversationId", Value: int32(1)}, bson.E{Key: "done", Value: true}, bson.E{Key: "payload", Value: bson.Binary{}})
		}
		out, err := s.conv.Step(string(payload))
		if err != nil {
			return fail(18, "AuthenticationFailed", "Authentication failed.")
		}
		done := false
		if s.conv.Done() {
			if !s.conv.Valid() {
				return fail(18, "AuthenticationFailed", "Authentication failed.")
			}
			s.authed = s.conv.Username()
			done = true
		}
		return ok(bson.E{Key: "conversationId", Value: int32(1)}, bson.E{Key: "done", Value: done}, bson.E{Key: "payload", Value: bson.Binary{Data: []byte(out)}})
	case "listDatabases":
		if f.emptyList {
			return ok(bson.E{Key: "databases", Value: bson.A{}}, bson.E{Key: "totalSize", Value: int64(0)})
		}
		if needAuth {
			return denied
		}
		var names []string
		for n := range f.dbs {
			names = append(names, n)
		}
		sort.Strings(names)
		var out bson.A
		var total int64
		for _, n := range names {
			size := int64(8192 * (1 + len(f.dbs[n])))
			total += size
			out = append(out, bson.D{{Key: "name", Value: n}, {Key: "sizeOnDisk", Value: float64(size)}, {Key: "empty", Value: false}})
		}
		return ok(bson.E{Key: "databases", Value: out}, bson.E{Key: "totalSize", Value: float64(total)}, bson.E{Key: "totalSizeMb", Value: int64(0)})
	case "getCmdLineOpts":
		if needAuth || f.emptyList {
			return fail(13, "Unauthorized", "not authorized on admin to execute command { getCmdLineOpts: 1 }")
		}
		authz := "disabled"
		if len(f.users) > 0 {
			authz = "enabled"
		}
		return ok(bson.E{Key: "argv", Value: bson.A{"/usr/bin/mongod", "--config", "/etc/mongod.conf"}},
			bson.E{Key: "parsed", Value: bson.D{{Key: "config", Value: "/etc/mongod.conf"},
				{Key: "net", Value: bson.D{{Key: "bindIp", Value: f.bindIP}, {Key: "port", Value: int32(27017)}}},
				{Key: "security", Value: bson.D{{Key: "authorization", Value: authz}}},
				{Key: "storage", Value: bson.D{{Key: "dbPath", Value: "/var/lib/mongodb"}}}}})
	}
	if needAuth {
		return denied
	}
	colls := f.dbs[db]
	switch name {
	case "listCollections":
		var names []string
		for n := range colls {
			names = append(names, n)
		}
		sort.Strings(names)
		var batch bson.A
		for _, n := range names {
			batch = append(batch, bson.D{{Key: "name", Value: n}, {Key: "type", Value: "collection"}, {Key: "options", Value: bson.D{}},
				{Key: "info", Value: bson.D{{Key: "readOnly", Value: false}}}})
		}
		return ok(bson.E{Key: "cursor", Value: bson.D{{Key: "id", Value: int64(0)}, {Key: "ns", Value: db + ".$cmd.listCollections"}, {Key: "firstBatch", Value: batch}}})
	case "collStats":
		coll, _ := cmd.Lookup("collStats").StringValueOK()
		docs, found := colls[coll]
		if !found {
			return fail(26, "NamespaceNotFound", "Collection ["+db+"."+coll+"] not found.")
		}
		size := 0
		for _, d := range docs {
			b, _ := bson.Marshal(d)
			size += len(b)
		}
		return ok(bson.E{Key: "ns", Value: db + "." + coll}, bson.E{Key: "size", Value: int32(size)}, bson.E{Key: "count", Value: int32(len(docs))},
			bson.E{Key: "storageSize", Value: int32(4096)}, bson.E{Key: "nindexes", Value: int32(1)})
	case "count":
		coll, _ := cmd.Lookup("count").StringValueOK()
		return ok(bson.E{Key: "n", Value: int32(len(colls[coll]))})
	case "find":
		coll, _ := cmd.Lookup("find").StringValueOK()
		docs := append([]bson.D(nil), colls[coll]...)
		limit := int(int64Of(cmd.Lookup("limit")))
		if sortDoc, found := cmd.Lookup("sort").DocumentOK(); found {
			se, _ := sortDoc.Elements()
			field, dir := se[0].Key(), int64Of(se[0].Value())
			key := func(d bson.D) string {
				for _, e := range d {
					if e.Key == field {
						switch v := e.Value.(type) {
						case bson.ObjectID:
							return v.Hex()
						case bson.DateTime:
							return fmt.Sprintf("%020d", int64(v))
						}
					}
				}
				return ""
			}
			sort.SliceStable(docs, func(i, j int) bool {
				if dir < 0 {
					return key(docs[i]) > key(docs[j])
				}
				return key(docs[i]) < key(docs[j])
			})
		}
		if limit > 0 && len(docs) > limit {
			docs = docs[:limit]
		}
		batch := bson.A{}
		for _, d := range docs {
			batch = append(batch, d)
		}
		return ok(bson.E{Key: "cursor", Value: bson.D{{Key: "firstBatch", Value: batch}, {Key: "id", Value: int64(0)}, {Key: "ns", Value: db + "." + coll}}})
	case "killCursors":
		return ok(bson.E{Key: "cursorsKilled", Value: bson.A{}})
	}
	return fail(59, "CommandNotFound", "no such command: '"+name+"'")
}

// Synthetic values the tests expect to find in samples.
var (
	synth         = lab.NewSynth(27017)
	testStripeKey = synth.StripeKey()
	testEmail     = synth.Email()
	testDSN       = synth.PostgresDSN()
)

func seededDBs() map[string]map[string][]bson.D {
	base := time.Date(2025, 3, 1, 12, 0, 0, 0, time.UTC)
	var users, payments, sessions []bson.D
	for i := range 25 {
		id := bson.NewObjectIDFromTimestamp(base.Add(time.Duration(i) * 24 * time.Hour))
		users = append(users, bson.D{{Key: "_id", Value: id}, {Key: "email", Value: testEmail}, {Key: "name", Value: fmt.Sprintf("User %d", i)},
			{Key: "createdAt", Value: bson.NewDateTimeFromTime(base.Add(time.Duration(i) * time.Hour))},
			{Key: "profile", Value: bson.D{{Key: "phone", Value: synth.Phone()}, {Key: "tags", Value: bson.A{"a", "b"}}}}})
		payments = append(payments, bson.D{{Key: "_id", Value: bson.NewObjectIDFromTimestamp(base.Add(time.Duration(i) * time.Minute))},
			{Key: "amount", Value: int32(100 * i)}, {Key: "stripe_key", Value: testStripeKey}, {Key: "note", Value: strings.Repeat("n", 3000)}})
	}
	sessions = append(sessions, bson.D{{Key: "_id", Value: "s1"}, {Key: "dsn", Value: testDSN}})
	return map[string]map[string][]bson.D{
		"admin":  {"system.version": {{{Key: "_id", Value: "featureCompatibilityVersion"}}}},
		"config": {"system.sessions": nil},
		"local":  {"startup_log": {{{Key: "_id", Value: "host-1"}}}},
		"shop":   {"users": users, "payments": payments},
		"app":    {"sessions": sessions},
	}
}

func bsonCmd(name string) bson.D { return bson.D{{Key: name, Value: 1}} }
