package prompt

import "fmt"

// Fake answers prompts from a script keyed by message, for tests. A prompt
// that is not in the script fails the call, so a test notices a question it
// did not expect.
type Fake struct {
	// Answers maps a message to a string (Input, Select), a bool (Confirm),
	// an error such as ErrCancelled, or for Input a []string: answers typed one
	// after the other while the validator rejects them.
	Answers map[string]any
	// Asked lists the messages in the order they were asked.
	Asked []string
	// Defaults records the default each prompt offered, by message.
	Defaults map[string]any
	// Rejected lists the validator's messages for answers it turned down.
	Rejected []string
}

func (f *Fake) answer(message string, def any) (any, error) {
	f.Asked = append(f.Asked, message)
	if f.Defaults == nil {
		f.Defaults = map[string]any{}
	}
	f.Defaults[message] = def
	a, ok := f.Answers[message]
	if !ok {
		return nil, fmt.Errorf("unexpected prompt %q", message)
	}
	if err, ok := a.(error); ok {
		return nil, err
	}
	return a, nil
}

func (f *Fake) Input(message, defaultValue string, validate func(string) error) (string, error) {
	a, err := f.answer(message, defaultValue)
	if err != nil {
		return "", err
	}
	tries, ok := a.([]string)
	if !ok {
		tries = []string{a.(string)}
	}
	for _, s := range tries {
		if s == "" {
			s = defaultValue
		}
		if validate != nil {
			if err := validate(s); err != nil {
				f.Rejected = append(f.Rejected, err.Error())
				continue
			}
		}
		return s, nil
	}
	return "", fmt.Errorf("every answer to %q was rejected: %v", message, f.Rejected)
}

func (f *Fake) Select(message string, choices []Choice, defaultValue string) (string, error) {
	a, err := f.answer(message, defaultValue)
	if err != nil {
		return "", err
	}
	s := a.(string)
	if s == "" {
		s = defaultValue
	}
	for _, c := range choices {
		if c.Value == s {
			return s, nil
		}
	}
	return "", fmt.Errorf("answer %q to %q is not among the choices", s, message)
}

func (f *Fake) Confirm(message string, defaultValue bool) (bool, error) {
	a, err := f.answer(message, defaultValue)
	if err != nil {
		return false, err
	}
	return a.(bool), nil
}
