package prompt

import "fmt"

// Fake answers prompts from a script keyed by message, for tests. A prompt
// that is not in the script fails the call, so a test notices a question it
// did not expect.
type Fake struct {
	Answers map[string]any // message -> string (Input, Select) or bool (Confirm); ErrCancelled cancels
	Asked   []string       // messages in the order they were asked
}

func (f *Fake) answer(message string) (any, error) {
	f.Asked = append(f.Asked, message)
	a, ok := f.Answers[message]
	if !ok {
		return nil, fmt.Errorf("unexpected prompt %q", message)
	}
	if err, ok := a.(error); ok {
		return nil, err
	}
	return a, nil
}

func (f *Fake) Input(message, _ string, validate func(string) error) (string, error) {
	a, err := f.answer(message)
	if err != nil {
		return "", err
	}
	s := a.(string)
	if validate != nil {
		if err := validate(s); err != nil {
			return "", err
		}
	}
	return s, nil
}

func (f *Fake) Select(message string, choices []Choice, _ string) (string, error) {
	a, err := f.answer(message)
	if err != nil {
		return "", err
	}
	s := a.(string)
	for _, c := range choices {
		if c.Value == s {
			return s, nil
		}
	}
	return "", fmt.Errorf("answer %q to %q is not among the choices", s, message)
}

func (f *Fake) Confirm(message string, _ bool) (bool, error) {
	a, err := f.answer(message)
	if err != nil {
		return false, err
	}
	return a.(bool), nil
}
