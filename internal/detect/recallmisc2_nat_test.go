package detect

import "testing"

// "Key" in Italian, Vietnamese, Hebrew and Indonesian names the value a support chat
// hands over after a few words and a colon (or Hebrew's copula); the same words before
// prose or a placeholder stay quiet.
func TestNatKeyWords(t *testing.T) {
	held5Want(t, []held5Case{
		{"Salve, ecco la chiave del nostro ambiente di test: Qw7rT2yU9iO3pA5sD8fG1hJ4kL6zX0cV", "generic-api-key", "Qw7rT2yU9iO3pA5sD8fG1hJ4kL6zX0cV"},
		{"Chào bạn, khóa API mới: Mn4bV7cX1zL9kJ2hG5fD8sA3pO6iU0yT", "generic-api-key", "Mn4bV7cX1zL9kJ2hG5fD8sA3pO6iU0yT"},
		{"שלום, המפתח החדש הוא Rt5yU8iO2pA4sD7fG0hJ3kL6zX9cV1bN", "generic-api-key", "Rt5yU8iO2pA4sD7fG0hJ3kL6zX9cV1bN"},
	})
	held5Quiet(t, []string{
		"la chiave del problema è: capire cosa succede",
		"khóa API cũ: <không có>",
		"המפתח שלי הוא בבית",
	}, "generic-api-key", "password-assignment")
}
