// Keeps a quick key tap visible to ImGui 1.86. Its SDL backend writes io.KeysDown[] straight
// from each event, so a key that goes down and up between two frames (a fast tap on a slow
// machine, or synthetic input) is never seen as pressed. The pacer lets at most one state
// change per key through each frame; later events for that key wait for the next frame,
// in their original order.
#pragma once

#include <unordered_set>

namespace ui {

class KeyPacer {
 public:
  // True when a down/up event for `key` may reach ImGui this frame; false when it must be held
  // for the next frame (as must every later event for the same key).
  bool Admit(int key);
  // Call once per frame before replaying the held events.
  void NextFrame();

 private:
  std::unordered_set<int> changed_;  // keys that already changed state this frame
  std::unordered_set<int> held_;     // keys with an event held over to the next frame
};

}  // namespace ui
