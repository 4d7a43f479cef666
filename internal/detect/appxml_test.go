package detect

import "testing"

// QGIS project variables: parallel lists of names and values.
func TestQGISVariables(t *testing.T) {
	const k = "00xQ4pLm9Zr2Tb7Kc1Wd8Hf3Ns6Vg5Yj0Ae4Ui7Oo2"
	held5Want(t, []held5Case{
		{"    <Variables>\n      <variableNames type=\"QStringList\"><value>owner</value><value>api_key</value></variableNames>\n      <variableValues type=\"QStringList\"><value>gis team</value><value>" + k + "</value></variableValues>\n    </Variables>", "generic-api-key", k},
		{"<variableNames type=\"QStringList\"><value>db_password</value></variableNames>\n<variableValues type=\"QStringList\"><value>Harbin^5521</value></variableValues>", "password-assignment", "Harbin^5521"},
	})
	h11Quiet(t, []string{
		"<variableNames type=\"QStringList\"><value>project_key</value><value>api_key</value></variableNames>\n<variableValues type=\"QStringList\"><value>PARCELS</value></variableValues>",
		"<variableNames type=\"QStringList\"><value>owner</value><value>crs</value></variableNames>\n<variableValues type=\"QStringList\"><value>aB3dE5fG7hJ9kL1mN3pQ5rS7</value><value>EPSG:3857</value></variableValues>",
	})
}

// A DXL item named for a password holds it in its text; Domino's hash is in parentheses.
func TestNamedItem(t *testing.T) {
	held5Want(t, []held5Case{
		{"<item name='HTTP_SSO_LtpaPassword'><text>Harbin^5521</text></item>", "password-assignment", "Harbin^5521"},
		{`<item name="SMTPPassword" sign="true"><textlist><text>Tern&amp;8832x</text></textlist></item>`, "password-assignment", "Tern&amp;8832x"},
	})
	h11Quiet(t, []string{
		"<item name='HTTPPassword' sign='true' seal='true'><text>(0BD3C33A877AF4AEEA8082D50F009B50)</text></item>",
		"<item name='PasswordChangeInterval'><number>90</number></item>",
		"<item name='ShortName'><text>ruddin</text></item>",
	})
}

// An Xcode scheme's launch argument "-Key value" sets a user default.
func TestLaunchArgument(t *testing.T) {
	held5Want(t, []held5Case{
		{`            argument = "-UITestPassword &quot;Harbin^5521&quot;"`, "password-assignment", "Harbin^5521"},
		{`            argument = "-AdminPassword Tern#8832x"`, "password-assignment", "Tern#8832x"},
	})
	h11Quiet(t, []string{
		`            argument = "-FIRDebugEnabled"`,
		`            argument = "-UITestPassword $(TEST_PASSWORD)"`,
		`            argument = "-com.apple.CoreData.SQLDebug 1"`,
	})
}
